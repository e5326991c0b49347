package cli

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/docs2go/docs2go/gen"
	"github.com/docs2go/docs2go/parser"
)

func runGen(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fset := flag.NewFlagSet("gen", flag.ContinueOnError)
	fset.SetOutput(stderr)
	in := fset.String("in", "docs-input", "`folder` of reference pages")
	out := fset.String("out", "generated", "output `folder`; one package folder per API version")
	pkg := fset.String("package", "graph", "package `name` for v1.0; beta gets NAME+\"beta\"")
	docLang := fset.String("doc-lang", gen.DocLangEnglish, "doc comment `language`: en (English summary) or page (the page's language)")
	check := fset.Bool("check", false, "write nothing; exit 1 with a diff if the output folder is not up to date")
	allModels := fset.Bool("all-models", false, "emit a model for every documented type, not only those the operations reach")
	fset.Usage = func() {
		fmt.Fprintln(stderr, "usage: docs2go gen [--in DIR] [--out DIR] [--package NAME] [--doc-lang en|page] [--all-models] [--check]")
		fmt.Fprintln(stderr, "Generates a Go client package per API version from the API and resource pages under --in.")
		fset.PrintDefaults()
	}
	if err := fset.Parse(args); err != nil {
		return ExitUsage
	}
	if fset.NArg() > 0 {
		fset.Usage()
		return ExitUsage
	}
	files, err := collectFiles([]string{*in})
	if err != nil {
		fmt.Fprintf(stderr, "docs2go gen: %v\n", err)
		return ExitUsage
	}
	code := ExitOK
	var pages []*parser.Page
	for _, l := range loadPages(files) {
		if l.err != nil {
			fmt.Fprintf(stderr, "docs2go gen: %v\n", l.err)
			return ExitUsage
		}
		printDiagnostics(stderr, l.page)
		pages = append(pages, l.page)
		if hasErrors(l.page) && l.page.Kind != parser.ResourcePage {
			code = ExitFindings
		}
	}
	res, err := gen.Generate(pages, gen.Options{Package: *pkg, DocLang: *docLang, SourceRoot: *in, AllModels: *allModels})
	if err != nil {
		fmt.Fprintf(stderr, "docs2go gen: %v\n", err)
		return ExitUsage
	}
	for _, d := range res.Diagnostics {
		fmt.Fprintln(stderr, d)
	}
	// A damaged page blocks only itself: every package is regenerated, and
	// the methods it documented that the output now lacks are named.
	previous, err := previousClients(*out)
	if err != nil {
		fmt.Fprintf(stderr, "docs2go gen: %v\n", err)
		return ExitUsage
	}
	removals, err := gen.Removals(previous, res, pages, *in)
	if err != nil {
		fmt.Fprintf(stderr, "docs2go gen: %v\n", err)
		return ExitUsage
	}
	for i, r := range removals {
		if i == 0 || r.Page != removals[i-1].Page || r.Package != removals[i-1].Package {
			var names []string
			for _, s := range removals[i:] {
				if s.Page != r.Page || s.Package != r.Package {
					break
				}
				names = append(names, s.Method)
			}
			verb := "are removed from"
			if *check {
				verb = "would be removed from"
			}
			fmt.Fprintf(stderr, "docs2go gen: %s is damaged (%s); the methods it documented %s %s: %s\n", r.Page, r.Reason, verb, r.Package, strings.Join(names, ", "))
		}
		code = ExitFindings
	}
	changes, err := genPlan(*out, res.Files)
	if err != nil {
		fmt.Fprintf(stderr, "docs2go gen: %v\n", err)
		return ExitUsage
	}
	if *check {
		for _, c := range changes {
			fmt.Fprint(stdout, genUnifiedDiff(path.Join(filepath.ToSlash(*out), c.rel), c.old, c.new, c.remove))
		}
		if len(changes) > 0 {
			fmt.Fprintf(stderr, "docs2go gen: %s is not up to date (%d files differ); run docs2go gen\n", *out, len(changes))
			return ExitFindings
		}
		return code
	}
	for _, c := range changes {
		if err := genApply(*out, c); err != nil {
			fmt.Fprintf(stderr, "docs2go gen: %v\n", err)
			return ExitUsage
		}
	}
	fmt.Fprintf(stderr, "docs2go gen: %d packages, %d files changed in %s\n", len(res.Packages), len(changes), *out)
	return code
}

// previousClients reads the generated client files of the output folder
// (out/PKG/client_gen.go), by package folder.
func previousClients(out string) (map[string][]byte, error) {
	files, err := filepath.Glob(filepath.Join(out, "*", "client_gen.go"))
	if err != nil {
		return nil, err
	}
	clients := map[string][]byte{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		if isGenerated(b) {
			clients[filepath.Base(filepath.Dir(f))] = b
		}
	}
	return clients, nil
}

// genChange is one file to write or remove.
type genChange struct {
	rel      string // slash-separated, relative to the output folder
	old, new []byte
	remove   bool
}

// isGenerated reports whether content carries the generated-code header.
func isGenerated(content []byte) bool {
	return bytes.HasPrefix(content, []byte(gen.Header+"\n"))
}

// genPlan compares the wanted files with the output folder: files to write
// (new or different) and generated files no longer produced, to remove.
// Files without the header are never touched: wanting to write over one is
// an error.
func genPlan(out string, want map[string][]byte) ([]genChange, error) {
	have := map[string][]byte{}
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == out {
				return fs.SkipAll
			}
			return err
		}
		if !d.Type().IsRegular() || !strings.HasSuffix(p, ".go") {
			return nil
		}
		rel, err := filepath.Rel(out, p)
		if err != nil {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		have[filepath.ToSlash(rel)] = b
		return nil
	})
	if err != nil {
		return nil, err
	}
	var changes []genChange
	for _, rel := range slices.Sorted(maps.Keys(want)) {
		old, ok := have[rel]
		if ok && !isGenerated(old) {
			return nil, fmt.Errorf("%s exists and was not generated by docs2go; not overwriting it", filepath.Join(out, rel))
		}
		if !ok {
			if _, err := os.Lstat(filepath.Join(out, filepath.FromSlash(rel))); err == nil {
				return nil, fmt.Errorf("%s exists and is not a regular file; not overwriting it", filepath.Join(out, rel))
			}
		}
		if !ok || !bytes.Equal(old, want[rel]) {
			changes = append(changes, genChange{rel: rel, old: old, new: want[rel]})
		}
	}
	for _, rel := range slices.Sorted(maps.Keys(have)) {
		if _, ok := want[rel]; ok || !isGenerated(have[rel]) {
			continue
		}
		changes = append(changes, genChange{rel: rel, old: have[rel], remove: true})
	}
	slices.SortFunc(changes, func(a, b genChange) int { return strings.Compare(a.rel, b.rel) })
	return changes, nil
}

// genApply writes or removes one file. Writes are atomic: a temporary file
// in the same folder, renamed over the target.
func genApply(out string, c genChange) error {
	target := filepath.Join(out, filepath.FromSlash(c.rel))
	if c.remove {
		if err := os.Remove(target); err != nil {
			return err
		}
		os.Remove(filepath.Dir(target)) // only succeeds when the folder is now empty
		return nil
	}
	dir := filepath.Dir(target)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, ".docs2go-*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // a no-op after the rename
	if _, err := tmp.Write(c.new); err != nil {
		tmp.Close()
		return fmt.Errorf("writing %s: %w", target, err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", target, err)
	}
	return os.Rename(tmp.Name(), target)
}

// genUnifiedDiff renders the change of one file as a unified diff with
// three lines of context.
func genUnifiedDiff(name string, old, new []byte, remove bool) string {
	a, b := genLines(old), genLines(new)
	if remove {
		b = nil
	}
	from, to := "a/"+name, "b/"+name
	if old == nil {
		from = "/dev/null"
	}
	if remove {
		to = "/dev/null"
	}
	ops := genEdits(a, b)
	var sb strings.Builder
	fmt.Fprintf(&sb, "--- %s\n+++ %s\n", from, to)
	const ctx = 3
	for i := 0; i < len(ops); {
		if ops[i].kind == ' ' {
			i++
			continue
		}
		start := max(i-ctx, 0)
		end := i
		for end < len(ops) {
			if ops[end].kind != ' ' {
				end++
				continue
			}
			run := end
			for run < len(ops) && ops[run].kind == ' ' {
				run++
			}
			if run == len(ops) || run-end > 2*ctx {
				end = min(end+ctx, len(ops))
				break
			}
			end = run
		}
		aStart, bStart, aN, bN := ops[start].a, ops[start].b, 0, 0
		for _, o := range ops[start:end] {
			if o.kind != '+' {
				aN++
			}
			if o.kind != '-' {
				bN++
			}
		}
		fmt.Fprintf(&sb, "@@ -%d,%d +%d,%d @@\n", aStart+1, aN, bStart+1, bN)
		for _, o := range ops[start:end] {
			sb.WriteByte(o.kind)
			sb.WriteString(o.text)
			sb.WriteByte('\n')
		}
		i = end
	}
	return sb.String()
}

type genEdit struct {
	kind byte // ' ', '-', '+'
	text string
	a, b int // line indexes in old and new before this edit
}

func genLines(b []byte) []string {
	if len(b) == 0 {
		return nil
	}
	return strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
}

// genEdits is a line edit script from a to b: common prefix and suffix,
// and a longest common subsequence in between when it is small enough to
// compute, else the middle replaced whole.
func genEdits(a, b []string) []genEdit {
	p := 0
	for p < len(a) && p < len(b) && a[p] == b[p] {
		p++
	}
	s := 0
	for s < len(a)-p && s < len(b)-p && a[len(a)-1-s] == b[len(b)-1-s] {
		s++
	}
	var ops []genEdit
	ai, bi := 0, 0
	emit := func(kind byte, text string) {
		ops = append(ops, genEdit{kind, text, ai, bi})
		if kind != '+' {
			ai++
		}
		if kind != '-' {
			bi++
		}
	}
	for _, l := range a[:p] {
		emit(' ', l)
	}
	ma, mb := a[p:len(a)-s], b[p:len(b)-s]
	if len(ma)*len(mb) <= 16_000_000 {
		// lcs[i][j] is the LCS length of ma[i:] and mb[j:].
		lcs := make([][]int32, len(ma)+1)
		for i := range lcs {
			lcs[i] = make([]int32, len(mb)+1)
		}
		for i := len(ma) - 1; i >= 0; i-- {
			for j := len(mb) - 1; j >= 0; j-- {
				if ma[i] == mb[j] {
					lcs[i][j] = lcs[i+1][j+1] + 1
				} else {
					lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
				}
			}
		}
		i, j := 0, 0
		for i < len(ma) || j < len(mb) {
			switch {
			case i < len(ma) && j < len(mb) && ma[i] == mb[j]:
				emit(' ', ma[i])
				i, j = i+1, j+1
			case i < len(ma) && (j == len(mb) || lcs[i+1][j] >= lcs[i][j+1]):
				emit('-', ma[i])
				i++
			default:
				emit('+', mb[j])
				j++
			}
		}
	} else {
		for _, l := range ma {
			emit('-', l)
		}
		for _, l := range mb {
			emit('+', l)
		}
	}
	for _, l := range a[len(a)-s:] {
		emit(' ', l)
	}
	return ops
}
