package lint

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

// Baseline is a set of accepted findings, matched by rule, file and
// content (the message with line numbers taken out), never by position,
// so edits elsewhere in a page do not bring them back. A finding repeated
// n times in a file is accepted n times.
type Baseline struct {
	Version  int             `json:"version"`
	Findings []BaselineEntry `json:"findings"`
}

// BaselineEntry is one accepted finding.
type BaselineEntry struct {
	Rule    string `json:"rule"`
	File    string `json:"file"`
	Content string `json:"content"`
	Count   int    `json:"count,omitempty"`
}

var lineRefs = regexp.MustCompile(`(line |:)\d+`)

func baselineKey(f Finding) BaselineEntry {
	c := lineRefs.ReplaceAllString(f.Message, "${1}N")
	if f.Suggestion != "" {
		c += " => " + f.Suggestion
	}
	return BaselineEntry{Rule: f.Code, File: filepath.ToSlash(f.File), Content: c}
}

// NewBaseline records findings.
func NewBaseline(fs []Finding) *Baseline {
	count := map[BaselineEntry]int{}
	var order []BaselineEntry
	for _, f := range fs {
		k := baselineKey(f)
		if count[k] == 0 {
			order = append(order, k)
		}
		count[k]++
	}
	b := &Baseline{Version: 1, Findings: []BaselineEntry{}}
	for _, k := range order {
		e := k
		if n := count[k]; n > 1 {
			e.Count = n
		}
		b.Findings = append(b.Findings, e)
	}
	slices.SortFunc(b.Findings, func(a, b BaselineEntry) int {
		return strings.Compare(a.File+"\x00"+a.Rule+"\x00"+a.Content, b.File+"\x00"+b.Rule+"\x00"+b.Content)
	})
	return b
}

// ReadBaseline reads a baseline file.
func ReadBaseline(file string) (*Baseline, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var b Baseline
	if err := json.Unmarshal(data, &b); err != nil {
		return nil, err
	}
	return &b, nil
}

// Write writes the baseline as indented JSON.
func (b *Baseline) Write(file string) error {
	data, err := json.MarshalIndent(b, "", "  ")
	if err != nil {
		return err
	}
	return WriteFileAtomic(file, append(data, '\n'))
}

// Filter drops the findings the baseline accepts and returns the rest.
func (b *Baseline) Filter(fs []Finding) []Finding {
	left := map[BaselineEntry]int{}
	for _, e := range b.Findings {
		k := e
		k.Count = 0
		left[k] += max(e.Count, 1)
	}
	var out []Finding
	for _, f := range fs {
		k := baselineKey(f)
		if left[k] > 0 {
			left[k]--
			continue
		}
		out = append(out, f)
	}
	return out
}
