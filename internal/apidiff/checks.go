// Package apidiff compares reference pages: two revisions of the docs
// (Compare: which API changes a docs change makes, and whether they break
// callers) and a localized tree with its English source (Drift: which
// translations are stale or damaged). Both read the one page model of
// package parser, pair operations by their Key, and report findings of a
// registry of checks, each with a stable ID, a level and the reasoning for
// that level (docs/diff.md is generated from it), in the formats of
// format.go.
package apidiff

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Level says how a change affects callers, from least to most severe.
type Level int

const (
	// NonBreaking changes cannot make a working caller fail.
	NonBreaking Level = iota
	// PotentiallyBreaking changes make some callers fail, depending on
	// what they send or how strictly they read the answer.
	PotentiallyBreaking
	// Breaking changes make a caller written against the old docs fail.
	Breaking
)

var levelNames = [...]string{"non-breaking", "potentially-breaking", "breaking"}

func (l Level) String() string {
	if l < 0 || int(l) >= len(levelNames) {
		return fmt.Sprintf("Level(%d)", int(l))
	}
	return levelNames[l]
}

// MarshalText writes the level's name, as JSON output shows it.
func (l Level) MarshalText() ([]byte, error) { return []byte(l.String()), nil }

// UnmarshalText reads a level's name.
func (l *Level) UnmarshalText(b []byte) error {
	v, err := ParseLevel(string(b))
	*l = v
	return err
}

// ParseLevel reads a level as written in flags and output.
func ParseLevel(s string) (Level, error) {
	i := slices.Index(levelNames[:], strings.ToLower(strings.TrimSpace(s)))
	if i < 0 {
		return 0, fmt.Errorf("unknown level %q (want breaking, potentially-breaking or non-breaking)", s)
	}
	return Level(i), nil
}

// Threshold is the --fail-on setting: the least level that fails a run, or
// none.
type Threshold struct {
	Level Level
	Never bool
}

// ParseThreshold reads --fail-on: breaking, potentially-breaking, any
// (every finding) or none.
func ParseThreshold(s string) (Threshold, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "none", "":
		return Threshold{Never: true}, nil
	case "any":
		return Threshold{Level: NonBreaking}, nil
	}
	l, err := ParseLevel(s)
	if err != nil || l == NonBreaking {
		return Threshold{}, fmt.Errorf("unknown --fail-on %q (want breaking, potentially-breaking, any or none)", s)
	}
	return Threshold{Level: l}, nil
}

// Met reports whether any finding reaches the threshold.
func (t Threshold) Met(fs []Finding) bool {
	if t.Never {
		return false
	}
	return slices.ContainsFunc(fs, func(f Finding) bool { return f.Check.Level >= t.Level })
}

// Command tells which command reports a check.
type Command string

const (
	CommandDiff  Command = "diff"
	CommandDrift Command = "drift"
)

// Check is a kind of finding with a stable ID. IDs are never renamed or
// reused; a new kind of change gets a new check.
type Check struct {
	ID      string  // kebab-case, "path-removed"
	Command Command // diff or drift
	Level   Level
	// Summary is one line; Doc says why the check has its level.
	Summary string
	Doc     string
}

var registry = map[string]*Check{}

func register(c Check) *Check {
	switch {
	case c.ID == "" || c.Summary == "" || c.Doc == "":
		panic("apidiff: check without ID, summary or doc")
	case registry[c.ID] != nil:
		panic("apidiff: duplicate check " + c.ID)
	}
	p := &c
	registry[c.ID] = p
	return p
}

// Checks lists the registered checks of a command (every check when cmd
// is ""), by command, level (most severe first) and ID.
func Checks(cmd Command) []*Check {
	var out []*Check
	for _, c := range registry {
		if cmd == "" || c.Command == cmd {
			out = append(out, c)
		}
	}
	slices.SortFunc(out, func(a, b *Check) int {
		return cmp.Or(cmp.Compare(a.Command, b.Command), cmp.Compare(b.Level, a.Level), cmp.Compare(a.ID, b.ID))
	})
	return out
}

// LookupCheck finds a check by ID.
func LookupCheck(id string) (*Check, bool) {
	c, ok := registry[strings.ToLower(id)]
	return c, ok
}

// The checks of diff. The operation a change is about is paired across the
// two revisions by its Key (method and path template, placeholder names
// ignored), whatever page documents it.
var (
	checkPathAdded = register(Check{ID: "path-added", Command: CommandDiff, Level: NonBreaking,
		Summary: "an operation on a path no operation used before",
		Doc:     "New paths add to the API; no existing call changes."})
	checkOperationAdded = register(Check{ID: "operation-added", Command: CommandDiff, Level: NonBreaking,
		Summary: "a method added to a path that already had operations",
		Doc:     "A new method on a known path adds to the API; no existing call changes."})
	checkPathRemoved = register(Check{ID: "path-removed", Command: CommandDiff, Level: Breaking,
		Summary: "an operation removed, and no operation uses its path any more",
		Doc:     "Every caller of the path gets 404 or 400: a removed path breaks them."})
	checkOperationRemoved = register(Check{ID: "operation-removed", Command: CommandDiff, Level: Breaking,
		Summary: "an operation removed while other methods remain on its path",
		Doc:     "Callers of the removed method get 405 or 400, though the path still answers other methods."})
	checkMethodChanged = register(Check{ID: "method-changed", Command: CommandDiff, Level: Breaking,
		Summary: "the same page documents the same path with another method (PUT became PATCH)",
		Doc:     "Callers still send the old method, which the path no longer accepts."})
	checkPermissionAdded = register(Check{ID: "permission-added", Command: CommandDiff, Level: NonBreaking,
		Summary: "a permission added to a kind (delegated work, delegated personal, application), or a kind now supported",
		Doc: "The permissions table lists alternatives: any one of them is enough. A new one widens who may call; " +
			"apps that held an old one keep working."})
	checkPermissionRemoved = register(Check{ID: "permission-removed", Command: CommandDiff, Level: Breaking,
		Summary: "a permission removed from a kind, or a kind no longer supported",
		Doc: "Apps consented to only that permission (or calling with that kind of token) get 403 from then on: " +
			"running apps break without a code change."})
	checkSuccessStatusChanged = register(Check{ID: "success-status-changed", Command: CommandDiff, Level: PotentiallyBreaking,
		Summary: "the documented success status changed (200 became 201 or 204)",
		Doc: "Callers that test for the exact status break; those that accept any 2xx (as generated clients do) do not. " +
			"A change to or from 204 also changes whether there is a body, reported as response-body-added or -removed."})
	checkRequiredHeaderAdded = register(Check{ID: "required-header-added", Command: CommandDiff, Level: Breaking,
		Summary: "a request header the operation now requires",
		Doc:     "Callers that do not send it are refused. Authorization is not compared: every Graph call requires it."})
	checkOptionalHeaderAdded = register(Check{ID: "optional-header-added", Command: CommandDiff, Level: NonBreaking,
		Summary: "a new optional request header",
		Doc:     "Callers that do not send it behave as before."})
	checkHeaderRemoved = register(Check{ID: "header-removed", Command: CommandDiff, Level: NonBreaking,
		Summary: "a request header no longer documented",
		Doc:     "Servers ignore request headers they do not use, so callers that still send it keep working."})
	checkHeaderBecameRequired = register(Check{ID: "header-became-required", Command: CommandDiff, Level: Breaking,
		Summary: "an optional request header became required",
		Doc:     "Callers that left it out are refused."})
	checkHeaderBecameOptional = register(Check{ID: "header-became-optional", Command: CommandDiff, Level: NonBreaking,
		Summary: "a required request header became optional",
		Doc:     "Callers that send it keep working."})
	checkQueryParameterAdded = register(Check{ID: "query-parameter-added", Command: CommandDiff, Level: NonBreaking,
		Summary: "a query parameter or OData option the operation now supports",
		Doc:     "Query parameters are optional; callers that do not use it are unaffected."})
	checkQueryParameterRemoved = register(Check{ID: "query-parameter-removed", Command: CommandDiff, Level: PotentiallyBreaking,
		Summary: "a query parameter or OData option no longer documented",
		Doc:     "Callers that use it may be refused (400) or silently get unfiltered results; those that do not are unaffected."})
	checkRequestBodyTypeChanged = register(Check{ID: "request-body-type-changed", Command: CommandDiff, Level: Breaking,
		Summary: "the request body is documented as another resource type",
		Doc:     "Callers send the old shape, which the service no longer reads as intended."})
	checkRequiredRequestPropertyAdded = register(Check{ID: "required-request-property-added", Command: CommandDiff, Level: Breaking,
		Summary: "a new request body property that is required",
		Doc:     "Callers that do not send it are refused."})
	checkOptionalRequestPropertyAdded = register(Check{ID: "optional-request-property-added", Command: CommandDiff, Level: NonBreaking,
		Summary: "a new optional request body property",
		Doc:     "Callers that do not send it behave as before."})
	checkRequestPropertyRemoved = register(Check{ID: "request-property-removed", Command: CommandDiff, Level: PotentiallyBreaking,
		Summary: "a request body property no longer documented",
		Doc:     "Callers that still send it may be refused (400) or have it ignored; those that never sent it are unaffected."})
	checkRequestPropertyBecameRequired = register(Check{ID: "request-property-became-required", Command: CommandDiff, Level: Breaking,
		Summary: "an optional request body property became required",
		Doc:     "Callers that left it out are refused."})
	checkRequestPropertyBecameOptional = register(Check{ID: "request-property-became-optional", Command: CommandDiff, Level: NonBreaking,
		Summary: "a required request body property became optional",
		Doc:     "Callers that send it keep working."})
	checkRequestPropertyTypeChanged = register(Check{ID: "request-property-type-changed", Command: CommandDiff, Level: Breaking,
		Summary: "a request body property has another type",
		Doc:     "Callers send values of the old type, which the service no longer accepts."})
	checkResponseTypeChanged = register(Check{ID: "response-type-changed", Command: CommandDiff, Level: Breaking,
		Summary: "the response body is another type, or a collection where it was one object (or the reverse)",
		Doc:     "Callers decode the answer into the old type and miss or misread its members."})
	checkResponseBodyRemoved = register(Check{ID: "response-body-removed", Command: CommandDiff, Level: Breaking,
		Summary: "the operation no longer returns a body (now 204 No Content)",
		Doc:     "Callers that read the returned object get nothing."})
	checkResponseBodyAdded = register(Check{ID: "response-body-added", Command: CommandDiff, Level: NonBreaking,
		Summary: "the operation now returns a body where it returned none",
		Doc:     "Callers that ignored the empty answer keep ignoring it."})
	checkResponsePropertyRemoved = register(Check{ID: "response-property-removed", Command: CommandDiff, Level: Breaking,
		Summary: "a property of the returned resource type (or its base types) removed",
		Doc: "Callers that read it get nothing. Reported for each operation that returns the type, where its resource " +
			"page is in both revisions."})
	checkResponsePropertyAdded = register(Check{ID: "response-property-added", Command: CommandDiff, Level: NonBreaking,
		Summary: "a property added to the returned resource type",
		Doc:     "Readers ignore members they do not know (generated clients keep them in AdditionalData)."})
	checkResponsePropertyTypeChanged = register(Check{ID: "response-property-type-changed", Command: CommandDiff, Level: Breaking,
		Summary: "a property of the returned resource type has another type",
		Doc:     "Callers decode the member as the old type and fail or misread it."})
)
