package permissions

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// WriteJSON writes the report as one indented JSON document.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// WriteText writes the report as advice for an app registration: the
// permissions per kind, the calls a kind cannot make, then every call with
// what it accepts.
func (r *Report) WriteText(w io.Writer) error {
	var b strings.Builder
	if len(r.Calls) == 0 {
		b.WriteString("No calls of a docs2go-generated client found.\n")
		_, err := io.WriteString(w, b.String())
		return err
	}
	fmt.Fprintf(&b, "The program makes %s of Microsoft Graph. In its app registration, add the\n", plural(len(r.Calls), "call"))
	b.WriteString("permissions of the kind of access it uses (least privileged first, as the reference\n")
	b.WriteString("pages rank them):\n\n")
	for _, k := range Kinds {
		set := r.Of(k)
		cannot := r.kindCalls(r.Uncovered, k)
		switch {
		case len(set) == 0 && len(cannot) > 0:
			fmt.Fprintf(&b, "  %s: cannot make every call (see below)\n", k.Label)
		case len(set) == 0:
			fmt.Fprintf(&b, "  %s: none documented\n", k.Label)
		default:
			fmt.Fprintf(&b, "  %s: %s\n", k.Label, strings.Join(set, ", "))
			if len(cannot) > 0 {
				fmt.Fprintf(&b, "    but %s cannot be made with them (see below)\n", plural(len(cannot), "call"))
			}
		}
	}
	for _, k := range Kinds {
		if cannot := r.kindCalls(r.Uncovered, k); len(cannot) > 0 {
			fmt.Fprintf(&b, "\n%s are not supported by:\n", k.Label)
			for _, c := range cannot {
				fmt.Fprintf(&b, "  %s:%d: %s (%s)\n", c.File, c.Line, c.Method, c.Operation)
			}
		}
	}
	for _, k := range Kinds {
		if none := r.kindCalls(r.Undocumented, k); len(none) > 0 {
			fmt.Fprintf(&b, "\nThe pages say nothing about %s for:\n", strings.ToLower(k.Label))
			for _, c := range none {
				fmt.Fprintf(&b, "  %s:%d: %s (%s)\n", c.File, c.Line, c.Method, c.Operation)
			}
		}
	}
	b.WriteString("\nCalls:\n")
	for _, c := range r.Calls {
		fmt.Fprintf(&b, "  %s:%d:%d: %s (%s)\n", c.File, c.Line, c.Column, c.Method, c.Operation)
		for _, k := range Kinds {
			list := c.Permissions.Of(k)
			text := strings.Join(list, ", ")
			switch {
			case list == nil:
				text = "not documented"
			case len(list) == 0:
				text = "not supported"
			}
			fmt.Fprintf(&b, "      %s: %s\n", k.Short, text)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// kindCalls keeps the entries of list of kind k.
func (r *Report) kindCalls(list []KindCall, k Kind) []KindCall {
	var out []KindCall
	for _, c := range list {
		if c.Kind == k.Key {
			out = append(out, c)
		}
	}
	return out
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}
