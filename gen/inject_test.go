package gen

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/scanner"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	docs "github.com/docs2go/docs2go/parser"
)

// Code injection: page text ends up in doc comments, string literals and
// identifiers. sourceProblems checks one generated file for what a page
// could smuggle in:
//   - the file parses and gofmt leaves it as it is;
//   - no comment or literal carries a line or paragraph separator (U+2028,
//     U+2029) or a bidirectional control (Trojan Source, CVE-2021-42574),
//     and no byte of the file is outside UTF-8;
//   - no line is a directive comment (//go:generate runs a command);
//   - the package redeclares none of Go's predeclared identifiers (string,
//     error, iota, nil, …) at top level, where it would change what the
//     rest of the file means.
//
// That comments cannot be ended early needs no separate check: a comment
// that ended early would leave page text as code, and the file would not
// parse (or, for the golden cases, not compile: TestGoldenCompiles).
func sourceProblems(name string, src []byte) []string {
	var probs []string
	if !utf8.Valid(src) {
		probs = append(probs, name+": not valid UTF-8")
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, name, src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return append(probs, fmt.Sprintf("%s: does not parse: %v", name, err))
	}
	if formatted, err := format.Source(src); err != nil || !bytes.Equal(formatted, src) {
		probs = append(probs, fmt.Sprintf("%s: gofmt changes it (err %v)", name, err))
	}
	// A comment line that is a directive (//go:generate runs a command,
	// //go:linkname, //line, //export …) could only come from page text;
	// the runtime, copied from gen/runtime, has its own (//go:noinline).
	for i, line := range strings.Split(string(src), "\n") {
		if isRuntimeFile(name) {
			break
		}
		l := strings.TrimLeft(line, " \t")
		if strings.HasPrefix(l, "//go:") || strings.HasPrefix(l, "//line ") || strings.HasPrefix(l, "//export ") || strings.HasPrefix(l, "//extern ") || strings.HasPrefix(l, "//sys") {
			probs = append(probs, fmt.Sprintf("%s:%d: a directive comment: %.60q", name, i+1, l))
		}
	}
	var s scanner.Scanner
	file := fset.AddFile(name, -1, len(src))
	s.Init(file, src, nil, scanner.ScanComments)
	for {
		pos, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		if tok != token.COMMENT && tok != token.STRING && tok != token.CHAR {
			continue
		}
		if i := strings.IndexFunc(lit, isDangerousRune); i >= 0 {
			r, _ := utf8.DecodeRuneInString(lit[i:])
			probs = append(probs, fmt.Sprintf("%s: %s %U in a %s", name, fset.Position(pos), r, tok))
		}
	}
	for _, d := range f.Decls {
		for _, id := range declaredNames(d) {
			if predeclared[id.Name] {
				probs = append(probs, fmt.Sprintf("%s: %s: top-level %s redeclares a predeclared identifier", name, fset.Position(id.Pos()), id.Name))
			}
		}
	}
	return probs
}

func isDangerousRune(r rune) bool {
	return r == '\u2028' || r == '\u2029' || r >= '\u202a' && r <= '\u202e' || r >= '\u2066' && r <= '\u2069' || r == '\u200e' || r == '\u200f' || r == '\u061c'
}

var predeclared = map[string]bool{}

func init() {
	for _, n := range strings.Fields(`any bool byte comparable complex64 complex128 error float32 float64
		int int8 int16 int32 int64 rune string uint uint8 uint16 uint32 uint64 uintptr
		true false iota nil append cap clear close complex copy delete imag len make max min new panic print println real recover`) {
		predeclared[n] = true
	}
}

func declaredNames(d ast.Decl) []*ast.Ident {
	var ids []*ast.Ident
	switch d := d.(type) {
	case *ast.FuncDecl:
		if d.Recv == nil {
			ids = append(ids, d.Name)
		}
	case *ast.GenDecl:
		for _, s := range d.Specs {
			switch s := s.(type) {
			case *ast.TypeSpec:
				ids = append(ids, s.Name)
			case *ast.ValueSpec:
				ids = append(ids, s.Names...)
			}
		}
	}
	return ids
}

// TestInjection generates the hostile golden case (titles, descriptions,
// parameter, header and enum names with */, quotes, backticks, line and
// paragraph separators, bidi controls and Go's keywords and predeclared
// names) and the team's pages, and checks every file it makes.
func TestInjection(t *testing.T) {
	for _, dir := range []string{"testdata/hostile", "../docs-input"} {
		res := mustGenerate(t, loadDir(t, dir), Options{SourceRoot: dir})
		n := 0
		for name, src := range res.Files {
			if strings.HasSuffix(name, ".go") {
				n++
				for _, p := range sourceProblems(name, src) {
					t.Errorf("%s: %s", dir, p)
				}
			}
		}
		if n == 0 {
			t.Errorf("%s: no Go files generated", dir)
		}
	}
}

// TestSourceProblems shows the checker catches what it is for.
func TestSourceProblems(t *testing.T) {
	for _, tc := range []struct{ name, src string }{
		{"bidi in a comment", "package p\n\n// a \u202e b\nvar X = 1\n"},
		{"separator in a string", "package p\n\nvar X = \"a\u2028b\"\n"},
		{"escaped comment", "package p\n\n/* a */ b */\nvar X = 1\n"},
		{"not gofmt", "package p\nvar  X = 1\n"},
		{"predeclared", "package p\n\ntype string int\n"},
		{"directive", "package p\n\n// X is x.\n//go:generate rm -rf /\nvar X = 1\n"},
	} {
		if len(sourceProblems(tc.name+".go", []byte(tc.src))) == 0 {
			t.Errorf("%s: not caught", tc.name)
		}
	}
}

// FuzzGenerate: any page, parsed as an API page of v1.0 beside the
// hostile case's resource page, generates Go source that parses, that
// gofmt leaves as it is and that passes sourceProblems; and never panics.
func FuzzGenerate(f *testing.F) {
	for _, dir := range []string{"../docs-input", "testdata"} {
		_ = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") && strings.Contains(p, "/api/") {
				if src, err := os.ReadFile(p); err == nil {
					f.Add(src)
				}
			}
			return nil
		})
	}
	resource, err := os.ReadFile("testdata/hostile/en-US/api-reference/v1.0/resources/item.md")
	if err != nil {
		f.Fatal(err)
	}
	item := docs.Parse("en-US/api-reference/v1.0/resources/item.md", resource)
	f.Fuzz(func(t *testing.T, src []byte) {
		page := docs.Parse("en-US/api-reference/v1.0/api/fuzz.md", src)
		res, err := Generate([]*docs.Page{page, item}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		for name, out := range res.Files {
			if !strings.HasSuffix(name, ".go") || isRuntimeFile(name) {
				continue
			}
			for _, p := range sourceProblems(name, out) {
				t.Error(p)
			}
		}
	})
}
