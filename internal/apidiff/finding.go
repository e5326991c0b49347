package apidiff

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/docs2go/docs2go/parser"
)

// Doc is one page of a tree of pages.
type Doc struct {
	// Path is slash-separated and relative to the tree's root: pages of two
	// trees with the same Path are the same page.
	Path string
	// File is the page as output shows it: the folder joined with Path, or
	// REV:path for a git revision.
	File string
	Page *parser.Page
	// Src is the page's bytes, kept for drift's sentence search.
	Src []byte
}

// Tree is a set of pages, sorted by Path: a docs folder or a revision.
type Tree struct {
	// Name is the folder or revision as given.
	Name string
	Docs []Doc
}

// Location is a position in a page of one of the trees.
type Location struct {
	File string     `json:"file"`
	Pos  parser.Pos `json:"pos"`
}

// IsValid reports whether l points into a file.
func (l Location) IsValid() bool { return l.File != "" }

func (l Location) String() string {
	if !l.Pos.IsValid() {
		return l.File
	}
	return fmt.Sprintf("%s:%d:%d", l.File, l.Pos.Line, l.Pos.Col)
}

// Finding is one change (diff) or difference (drift), of one check.
type Finding struct {
	Check *Check
	// Version is the API version, "v1.0" or "beta".
	Version string
	// Operation is "METHOD /path" as the page writes it (the new page's
	// when there is one); empty for findings about a whole page.
	Operation string
	// Page is the page's path relative to its tree (the new one's, or the
	// localized one's for drift).
	Page string
	// Locale is the localized tree's locale (drift only).
	Locale string
	// Old and New are the values before and after (source and
	// translation, for drift); empty when there is none.
	Old, New string
	// OldAt and NewAt locate them: in the old and new pages (diff), the
	// source and the localized page (drift).
	OldAt, NewAt Location
	// Message says what changed in one sentence.
	Message string
}

// At is where a finding is best shown: the new (localized) page's
// position when there is one, else the old (source) page's.
func (f Finding) At() Location {
	if f.NewAt.IsValid() {
		return f.NewAt
	}
	return f.OldAt
}

type findingJSON struct {
	ID        string    `json:"id"`
	Level     Level     `json:"level"`
	Version   string    `json:"version,omitempty"`
	Operation string    `json:"operation,omitempty"`
	Page      string    `json:"page"`
	Locale    string    `json:"locale,omitempty"`
	Old       string    `json:"old,omitempty"`
	New       string    `json:"new,omitempty"`
	OldAt     *Location `json:"oldPos,omitempty"`
	NewAt     *Location `json:"newPos,omitempty"`
	Message   string    `json:"message"`
}

// MarshalJSON writes a finding with its check's ID and level.
func (f Finding) MarshalJSON() ([]byte, error) {
	j := findingJSON{ID: f.Check.ID, Level: f.Check.Level, Version: f.Version, Operation: f.Operation,
		Page: f.Page, Locale: f.Locale, Old: f.Old, New: f.New, Message: f.Message}
	if f.OldAt.IsValid() {
		j.OldAt = &f.OldAt
	}
	if f.NewAt.IsValid() {
		j.NewAt = &f.NewAt
	}
	return json.Marshal(j)
}

// sortFindings orders findings by locale, page, version, operation, level
// (most severe first), check and values, so output never depends on map
// order.
func sortFindings(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(a.Locale, b.Locale), cmp.Compare(a.Page, b.Page), cmp.Compare(a.Version, b.Version),
			cmp.Compare(a.Operation, b.Operation), cmp.Compare(b.Check.Level, a.Check.Level),
			cmp.Compare(a.Check.ID, b.Check.ID), cmp.Compare(a.Old, b.Old), cmp.Compare(a.New, b.New))
	})
}

// Counts tallies findings per check ID.
func Counts(fs []Finding) map[string]int {
	m := map[string]int{}
	for _, f := range fs {
		m[f.Check.ID]++
	}
	return m
}
