package apidiff

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// Format names an output format of diff and drift.
type Format string

const (
	FormatText          Format = "text"
	FormatJSON          Format = "json" // JSON Lines, one finding per line
	FormatMarkdown      Format = "markdown"
	FormatGitHubActions Format = "githubactions"
)

// ParseFormat reads --format.
func ParseFormat(s string) (Format, error) {
	switch f := Format(strings.ToLower(s)); f {
	case FormatText, FormatJSON, FormatMarkdown, FormatGitHubActions:
		return f, nil
	case "github":
		return FormatGitHubActions, nil
	}
	return "", fmt.Errorf("unknown format %q (want text, json, markdown or githubactions)", s)
}

// Write prints findings in a format. title heads the markdown output.
func Write(w io.Writer, format Format, title string, fs []Finding) error {
	switch format {
	case FormatJSON:
		for _, f := range fs {
			b, err := json.Marshal(f)
			if err != nil {
				return err
			}
			if _, err := fmt.Fprintf(w, "%s\n", b); err != nil {
				return err
			}
		}
		return nil
	case FormatMarkdown:
		return writeMarkdown(w, title, fs)
	case FormatGitHubActions:
		for _, f := range fs {
			if err := writeGitHub(w, f); err != nil {
				return err
			}
		}
		return nil
	}
	for _, f := range fs {
		if _, err := fmt.Fprintln(w, textLine(f)); err != nil {
			return err
		}
	}
	return nil
}

// otherSide names the location a finding's text line adds after its
// message.
func otherSide(f Finding) (string, Location) {
	if f.NewAt.IsValid() {
		if f.Check.Command == CommandDrift {
			return "source", f.OldAt
		}
		return "old", f.OldAt
	}
	return "", Location{}
}

// subject is what a finding is about: the operation with its version, or
// the page.
func subject(f Finding) string {
	var b strings.Builder
	if f.Locale != "" {
		b.WriteString(f.Locale + " ")
	}
	if f.Operation != "" {
		b.WriteString(f.Version + " " + f.Operation)
	} else {
		b.WriteString(f.Page)
	}
	return b.String()
}

// textLine is FILE:LINE:COL: LEVEL ID: SUBJECT: message (old: FILE:LINE:COL).
func textLine(f Finding) string {
	s := fmt.Sprintf("%s: %s %s: %s: %s", f.At(), f.Check.Level, f.Check.ID, subject(f), f.Message)
	if label, at := otherSide(f); at.IsValid() {
		s += fmt.Sprintf(" (%s: %s)", label, at)
	}
	return s
}

func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// writeGitHub prints a workflow command the runner turns into an
// annotation: breaking is an error, potentially breaking a warning, the
// rest notices.
func writeGitHub(w io.Writer, f Finding) error {
	cmd := "notice"
	switch f.Check.Level {
	case Breaking:
		cmd = "error"
	case PotentiallyBreaking:
		cmd = "warning"
	}
	at := f.At()
	props := []string{"file=" + escapeProperty(at.File)}
	if at.Pos.IsValid() {
		props = append(props, fmt.Sprintf("line=%d", at.Pos.Line), fmt.Sprintf("col=%d", at.Pos.Col))
	}
	props = append(props, "title="+escapeProperty(f.Check.ID))
	msg := subject(f) + ": " + f.Message
	if label, o := otherSide(f); o.IsValid() {
		msg += fmt.Sprintf(" (%s: %s)", label, o)
	}
	_, err := fmt.Fprintf(w, "::%s %s::%s\n", cmd, strings.Join(props, ","), escapeData(msg))
	return err
}

// LevelCounts counts findings per level.
func LevelCounts(fs []Finding) [3]int {
	var n [3]int
	for _, f := range fs {
		n[f.Check.Level]++
	}
	return n
}

// Summary is one line: "3 breaking, 1 potentially breaking, 5 non-breaking".
func Summary(fs []Finding) string {
	n := LevelCounts(fs)
	return fmt.Sprintf("%d breaking, %d potentially breaking, %d non-breaking", n[Breaking], n[PotentiallyBreaking], n[NonBreaking])
}

func mdCell(s string) string {
	if s == "" {
		return ""
	}
	s = strings.NewReplacer("|", `\|`, "\n", " ", "`", "'").Replace(s)
	return "`" + s + "`"
}

func mdText(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ", "<", "&lt;", ">", "&gt;").Replace(s)
}

var levelMark = [...]string{"non-breaking", "potentially breaking", "**breaking**"}

// writeMarkdown prints a pull-request comment: a summary, then one table
// per operation (or page), most severe first.
func writeMarkdown(w io.Writer, title string, fs []Finding) error {
	var b strings.Builder
	fmt.Fprintf(&b, "### %s\n\n", title)
	if len(fs) == 0 {
		b.WriteString("No changes.\n")
		_, err := io.WriteString(w, b.String())
		return err
	}
	fmt.Fprintf(&b, "%s.\n", Summary(fs))
	type group struct {
		head  string
		items []Finding
		worst Level
	}
	var groups []*group
	index := map[string]*group{}
	for _, f := range fs {
		k := f.Locale + "\x00" + f.Version + "\x00" + f.Operation + "\x00" + f.Page
		g := index[k]
		if g == nil {
			head := "`" + f.Page + "`"
			if f.Operation != "" {
				head = fmt.Sprintf("`%s` (%s) — %s", f.Operation, f.Version, head)
			}
			if f.Locale != "" {
				head = f.Locale + ": " + head
			}
			g = &group{head: head}
			index[k] = g
			groups = append(groups, g)
		}
		g.items = append(g.items, f)
		g.worst = max(g.worst, f.Check.Level)
	}
	oldCol, newCol := "old", "new"
	if fs[0].Check.Command == CommandDrift {
		oldCol, newCol = "source", "translation"
	}
	for _, lvl := range []Level{Breaking, PotentiallyBreaking, NonBreaking} {
		for _, g := range groups {
			if g.worst != lvl {
				continue
			}
			fmt.Fprintf(&b, "\n#### %s\n\n| level | check | change | %s | %s |\n|---|---|---|---|---|\n", g.head, oldCol, newCol)
			for _, f := range g.items {
				fmt.Fprintf(&b, "| %s | `%s` | %s | %s | %s |\n", levelMark[f.Check.Level], f.Check.ID, mdText(f.Message),
					mdCell(f.Old), mdCell(f.New))
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteChangelog prints release notes: the operations added, changed (with
// what changed) and removed, one list item per operation.
func WriteChangelog(w io.Writer, title string, fs []Finding) error {
	var added, removed []Finding
	changed := map[string][]Finding{}
	var order []string
	for _, f := range fs {
		switch f.Check {
		case checkPathAdded, checkOperationAdded:
			added = append(added, f)
		case checkPathRemoved, checkOperationRemoved:
			removed = append(removed, f)
		default:
			k := f.Version + " " + f.Operation
			if changed[k] == nil {
				order = append(order, k)
			}
			changed[k] = append(changed[k], f)
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "## %s\n", title)
	if len(added) > 0 {
		b.WriteString("\n### Added\n\n")
		for _, f := range added {
			fmt.Fprintf(&b, "- `%s` (%s)\n", f.Operation, f.Version)
		}
	}
	if len(order) > 0 {
		b.WriteString("\n### Changed\n\n")
		for _, k := range order {
			f0 := changed[k][0]
			var what []string
			for _, f := range changed[k] {
				m := f.Message
				if f.Check.Level == Breaking {
					m += " (breaking)"
				}
				what = append(what, m)
			}
			fmt.Fprintf(&b, "- `%s` (%s): %s\n", f0.Operation, f0.Version, strings.Join(what, "; "))
		}
	}
	if len(removed) > 0 {
		b.WriteString("\n### Removed\n\n")
		for _, f := range removed {
			fmt.Fprintf(&b, "- `%s` (%s) (breaking)\n", f.Operation, f.Version)
		}
	}
	if len(fs) == 0 {
		b.WriteString("\nNo API changes.\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteSummaries prints drift's per-locale counts as a markdown table.
func WriteSummaries(w io.Writer, sums []LocaleSummary) error {
	var b strings.Builder
	b.WriteString("| locale | folder | pages | paired | current | stale | damaged | missing | orphaned |\n|---|---|---|---|---|---|---|---|---|\n")
	for _, s := range sums {
		fmt.Fprintf(&b, "| %s | `%s` | %d | %d | %d | %d | %d | %d | %d |\n", s.Locale, s.Tree, s.Pages, s.Paired, s.Current, s.Stale, s.Damaged, s.Missing, s.Orphaned)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// SummaryLine is one locale's counts in a sentence.
func (s LocaleSummary) String() string {
	return fmt.Sprintf("%s (%s): %d pages, %d paired: %d current, %d stale, %d damaged; %d English pages not translated, %d orphaned",
		s.Locale, s.Tree, s.Pages, s.Paired, s.Current, s.Stale, s.Damaged, s.Missing, s.Orphaned)
}
