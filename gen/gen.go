// Package gen turns parsed reference pages into Go client packages. It is
// pure: Generate returns file contents and diagnostics and writes nothing;
// the CLI decides what reaches the disk.
package gen

import (
	"bytes"
	"cmp"
	"fmt"
	"github.com/docs2go/docs2go/parser/diag"
	"go/token"
	"maps"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/dave/jennifer/jen"
	"github.com/docs2go/docs2go/parser"
)

// Doc comment languages.
const (
	DocLangEnglish = "en"   // the English summary, or the page's when it has none
	DocLangPage    = "page" // the page's own language
)

// Options control generation.
type Options struct {
	// Package is the package name for v1.0; beta gets Package+"beta".
	// Empty means "graph".
	Package string
	// DocLang is DocLangEnglish (the default) or DocLangPage.
	DocLang string
	// SourceRoot is the folder page paths are shown relative to in doc
	// comments, so output never holds absolute or machine-specific paths.
	SourceRoot string
	// AllModels emits a model for every documented type of the version,
	// not only for those the generated operations reach.
	AllModels bool
}

// Package is one generated Go package.
type Package struct {
	Version string   // API version, "v1.0" or "beta"
	Name    string   // package name
	Dir     string   // folder relative to the output root
	Files   []string // its files, relative to the output root, sorted
	Methods int      // number of client methods
	Models  int      // number of model types (structs, enums, request bodies)
}

// Result is what Generate produced.
type Result struct {
	// Files maps a slash-separated path relative to the output root to the
	// file's contents.
	Files map[string][]byte
	// Packages lists the packages, sorted by folder.
	Packages []Package
	// Diagnostics are problems met in pages while generating, sorted.
	Diagnostics []Diagnostic
}

// Diagnostic is a generator finding about a page item; rules.go lists them.
type Diagnostic = diag.Diagnostic

// diags collects diagnostics.
type diags struct{ list []Diagnostic }

func (d *diags) add(p *parser.Page, pos parser.Pos, rule *diag.Rule, format string, args ...any) {
	d.list = append(d.list, rule.Diag(p.File, pos, pos, format, args...))
}

func (d *diags) sorted() []Diagnostic { return diag.Sort(d.list) }

// PackageFor returns the package name and folder for an API version.
func PackageFor(version, base string) (name, dir string) {
	base = cmp.Or(base, "graph")
	switch version {
	case "v1.0":
		return base, base
	case "beta":
		return base + "beta", base + "beta"
	}
	var b strings.Builder
	for _, r := range strings.ToLower(version) {
		if isASCIIAlnum(r) {
			b.WriteRune(r)
		}
	}
	return base + b.String(), base + b.String()
}

// BaseURL is the Graph service root of an API version.
func BaseURL(version string) string {
	return "https://graph.microsoft.com/" + version
}

// Generate builds one package per API version found among the usable API
// pages (pages with error diagnostics, unknown versions or another kind are
// skipped). The result is the same for the same pages whatever their order.
func Generate(pages []*parser.Page, opts Options) (*Result, error) {
	res, _, err := generate(pages, opts)
	return res, err
}

// generate is Generate that also returns each package's generator (its
// operations and models), for tests that look inside.
func generate(pages []*parser.Page, opts Options) (*Result, []*pkgGen, error) {
	if opts.Package != "" && (!token.IsIdentifier(opts.Package) || token.IsKeyword(opts.Package)) {
		return nil, nil, fmt.Errorf("package name %q is not a Go identifier", opts.Package)
	}
	if opts.DocLang == "" {
		opts.DocLang = DocLangEnglish
	}
	if opts.DocLang != DocLangEnglish && opts.DocLang != DocLangPage {
		return nil, nil, fmt.Errorf("doc language %q: want %q or %q", opts.DocLang, DocLangEnglish, DocLangPage)
	}
	rt, err := runtimeFiles()
	if err != nil {
		return nil, nil, err
	}
	reserved, err := runtimeNames(rt)
	if err != nil {
		return nil, nil, err
	}
	rtTests, err := runtimeTestFiles()
	if err != nil {
		return nil, nil, err
	}
	d := &diags{}
	byVersion := map[string][]*parser.Page{}
	// Models come from every page of a version, resource pages included,
	// whatever operations the API pages give.
	allByVersion := map[string][]*parser.Page{}
	for _, p := range pages {
		if p != nil && p.Version != "" {
			allByVersion[p.Version] = append(allByVersion[p.Version], p)
		}
		if p == nil || p.Kind != parser.APIPage {
			continue
		}
		if !usable(p) {
			if p.Version == "" {
				d.add(p, p.TitlePos, ruleUnknownVersion, "API version unknown (not under api-reference/v1.0 or beta); page skipped")
			} else {
				d.add(p, p.TitlePos, rulePageSkipped, "page has error diagnostics; skipped")
			}
			continue
		}
		byVersion[p.Version] = append(byVersion[p.Version], p)
	}
	res := &Result{Files: map[string][]byte{}}
	var gens []*pkgGen
	rd := newRenderer()
	versions := make([]string, 0, len(byVersion))
	for v := range byVersion {
		versions = append(versions, v)
	}
	slices.Sort(versions)
	for _, v := range versions {
		ps := byVersion[v]
		slices.SortFunc(ps, func(a, b *parser.Page) int { return cmp.Compare(a.File, b.File) })
		name, dir := PackageFor(v, opts.Package)
		pkg := Package{Version: v, Name: name, Dir: dir}
		m := newModels(allByVersion[v], v, reserved)
		m.all = opts.AllModels
		ops := collectOperations(ps, reserved, d)
		// Header options keep clear of model names, request bodies of
		// both.
		hopts := headerOptions(ops, m.used)
		for _, h := range hopts {
			m.used[h.goName] = true
		}
		typeOperations(ops, m)
		for _, def := range m.s.Order {
			m.resolve(def) // links every model to its base, for doc comments
		}
		pkg.Methods = len(ops)
		g := &pkgGen{name: name, version: v, opts: opts, ops: ops, headerOpts: hopts, reserved: reserved, models: m, diags: d}
		gens = append(gens, g)
		files := map[string][]byte{}
		for _, f := range append(slices.Clone(rt), rtTests...) {
			if f.name == permissionTableFile {
				continue // permissions_gen.go holds the package's own
			}
			src, err := rewriteRuntime(f, name, BaseURL(v))
			if err != nil {
				return nil, nil, err
			}
			files["runtime_"+strings.TrimPrefix(f.name, "runtime_")] = src
		}
		// The files are built here, in order (building reports
		// diagnostics); rendering them, the costly part (gofmt), runs on
		// every core below.
		rd.start(dir+"/client_gen.go", dir+": client", g.clientFile())
		rd.start(dir+"/permissions_gen.go", dir+": permissions", g.permissionsFile())
		rd.start(dir+"/client_gen_test.go", dir+": tests", g.testFile())
		rd.start(dir+"/models_gen.go", dir+": models", m.file(name))
		pkg.Files = append(pkg.Files, dir+"/client_gen.go", dir+"/permissions_gen.go", dir+"/client_gen_test.go", dir+"/models_gen.go")
		pkg.Models = len(m.emitted())
		d.list = append(d.list, m.diagnostics()...)
		for n, src := range files {
			p := dir + "/" + n
			res.Files[p] = src
			pkg.Files = append(pkg.Files, p)
		}
		slices.Sort(pkg.Files)
		res.Packages = append(res.Packages, pkg)
	}
	if err := rd.wait(res.Files); err != nil {
		return nil, nil, err
	}
	slices.SortFunc(res.Packages, func(a, b Package) int { return cmp.Compare(a.Dir, b.Dir) })
	res.Diagnostics = d.sorted()
	return res, gens, nil
}

// renderer renders jennifer files (gofmt, the costly part) on up to
// GOMAXPROCS goroutines while the next files are built, so that at most
// that many built-but-unrendered files are held at once.
type renderer struct {
	sem   chan struct{}
	wg    sync.WaitGroup
	mu    sync.Mutex
	files map[string][]byte
	errs  []error // by start order
}

func newRenderer() *renderer {
	return &renderer{sem: make(chan struct{}, runtime.GOMAXPROCS(0)), files: map[string][]byte{}}
}

// start renders f into path; what names it in an error.
func (r *renderer) start(path, what string, f *jen.File) {
	r.mu.Lock()
	i := len(r.errs)
	r.errs = append(r.errs, nil)
	r.mu.Unlock()
	r.sem <- struct{}{}
	r.wg.Go(func() {
		defer func() { <-r.sem }()
		src, err := render(f)
		r.mu.Lock()
		defer r.mu.Unlock()
		if err != nil {
			r.errs[i] = fmt.Errorf("%s: %w", what, err)
			return
		}
		r.files[path] = src
	})
}

// wait waits for every render and adds the files to files; the error is
// the first in start order, so it does not depend on which finished first.
func (r *renderer) wait(files map[string][]byte) error {
	r.wg.Wait()
	for _, err := range r.errs {
		if err != nil {
			return err
		}
	}
	maps.Copy(files, r.files)
	return nil
}

// render formats a jennifer file.
func render(f *jen.File) ([]byte, error) {
	var buf bytes.Buffer
	if err := f.Render(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// sourcePath is a page's path as shown in doc comments: relative to the
// source root, with forward slashes.
func sourcePath(file, root string) string {
	if root != "" {
		if rel, err := filepath.Rel(root, file); err == nil && !strings.HasPrefix(rel, "..") {
			file = rel
		}
	}
	return filepath.ToSlash(file)
}
