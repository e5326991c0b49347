package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/docs2go/docs2go/parser"
)

func runParse(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("parse", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "text", "output `format`: json (JSON Lines, one page per line) or text")
	var popts parser.Options
	maxPageSizeFlag(fs, &popts)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: docs2go parse [--format json|text] [--max-page-size SIZE] PATH...")
		fmt.Fprintln(stderr, "Parses pages (files, or directories walked for *.md) and prints their model.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return ExitUsage
	}
	if *format != "json" && *format != "text" {
		fmt.Fprintf(stderr, "docs2go parse: unknown --format %q (want json or text)\n", *format)
		return ExitUsage
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return ExitUsage
	}
	code := ExitOK
	// A path that cannot be read is reported and the others still parsed;
	// the exit code then says the run was incomplete.
	files, err := collectFiles(fs.Args())
	for _, err := range pathErrors(err) {
		fmt.Fprintf(stderr, "docs2go parse: %v\n", err)
		code = ExitUsage
	}
	w := bufio.NewWriterSize(stdout, 1<<16)
	defer w.Flush()
	// Each page is encoded on the worker that parsed it; the output is the
	// same bytes in the same order whatever the number of cores.
	render := func(l *loaded) {
		var out, diags bytes.Buffer
		if *format == "json" {
			enc := json.NewEncoder(&out)
			enc.SetEscapeHTML(false)
			if err := enc.Encode(l.page); err != nil {
				l.err = fmt.Errorf("%s: %w", l.file, err)
				return
			}
		} else {
			printText(&out, l.page)
		}
		printDiagnostics(&diags, l.page)
		l.out, l.diags = out.Bytes(), diags.Bytes()
	}
	eachPage(files, popts, render, func(l loaded) {
		if l.err != nil {
			fmt.Fprintf(stderr, "docs2go parse: %v\n", l.err)
			code = ExitUsage
			return
		}
		w.Write(l.out)
		stderr.Write(l.diags)
		if l.page.HasErrors() && code == ExitOK {
			code = ExitFindings
		}
	})
	return code
}

// printText is the human summary of a page: one line per item, each with
// its position, so an editor can jump to it.
func printText(w io.Writer, p *parser.Page) {
	fmt.Fprintf(w, "%s: %s %s %s %s page %q\n", p.File, p.Locale, p.Version, p.Shape, p.Kind, p.Title.Text)
	if p.Title.En != "" && p.Title.En != p.Title.Text {
		fmt.Fprintf(w, "  title (en): %q\n", p.Title.En)
	}
	for _, op := range p.Operations {
		fmt.Fprintf(w, "%s:%d:%d: operation %s %s\n", p.File, op.Pos.Line, op.Pos.Col, op.Method, op.Path)
	}
	for _, r := range p.Permissions.Rows {
		fmt.Fprintf(w, "%s:%d:%d: permission %s: %s\n", p.File, r.Pos.Line, r.Pos.Col, r.Kind, strings.Join(r.Scopes, ", "))
	}
	for _, h := range p.Headers {
		req := "optional"
		if h.Required {
			req = "required"
		}
		fmt.Fprintf(w, "%s:%d:%d: header %s (%s)\n", p.File, h.Pos.Line, h.Pos.Col, h.Name, req)
	}
	for _, q := range p.QueryParameters {
		fmt.Fprintf(w, "%s:%d:%d: query %s\n", p.File, q.Pos.Line, q.Pos.Col, q.Name)
	}
	if b := p.RequestBody; b.Kind != parser.BodyUnknown {
		fmt.Fprintf(w, "%s:%d:%d: request body %s (%d parameters)\n", p.File, b.Pos.Line, b.Pos.Col, b.Kind, len(b.Parameters))
	}
	if r := p.Response; r.Status != 0 {
		typ := ""
		if r.Type != nil {
			typ = " " + r.Type.Name
			if r.Collection {
				typ = " collection of " + r.Type.Name
			}
		}
		fmt.Fprintf(w, "%s:%d:%d: response %d %s%s\n", p.File, r.Pos.Line, r.Pos.Col, r.Status, r.StatusText, typ)
	}
	if r := p.Resource; r != nil {
		fmt.Fprintf(w, "%s:%d:%d: resource %s (base %s, %d properties, %d relationships)\n", p.File, r.Pos.Line, r.Pos.Col, r.Name, r.BaseType, len(r.Properties), len(r.Relationships))
		for _, prop := range append(append([]parser.Parameter{}, r.Properties...), r.Relationships...) {
			typ := prop.Type.Name
			if prop.Type.Collection {
				typ = "collection of " + typ
			}
			fmt.Fprintf(w, "%s:%d:%d: property %s %s\n", p.File, prop.Pos.Line, prop.Pos.Col, prop.Name, typ)
		}
	}
	for _, e := range p.Enums {
		fmt.Fprintf(w, "%s:%d:%d: enum %s (%d members)\n", p.File, e.Pos.Line, e.Pos.Col, e.Name, len(e.Members))
	}
	for _, ex := range p.Examples {
		switch {
		case ex.Request != nil:
			fmt.Fprintf(w, "%s:%d:%d: example request %s %s\n", p.File, ex.Pos.Line, ex.Pos.Col, ex.Request.Method, ex.Request.Path)
		case ex.Reply != nil:
			fmt.Fprintf(w, "%s:%d:%d: example response %d\n", p.File, ex.Pos.Line, ex.Pos.Col, ex.Reply.Status)
		}
	}
}
