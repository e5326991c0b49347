// Package gen turns parsed reference pages into Go client packages. It is
// pure: Generate returns file contents and diagnostics and writes nothing;
// the CLI decides what reaches the disk.
package gen

import (
	"bytes"
	"cmp"
	"fmt"
	"github.com/docs2go/docs2go/parser/diag"
	"go/format"
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
// Generate holds on to no page once it has read what it needs of it; a
// caller with many pages passes Keep of each.
func Generate(pages []*parser.Page, opts Options) (*Result, error) {
	res, _, err := generate(pages, opts, false)
	return res, err
}

// generate is Generate that also returns each package's generator (its
// operations and models) when inspect is set, for tests that look inside.
func generate(pages []*parser.Page, opts Options, inspect bool) (*Result, []*pkgGen, error) {
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
	reserved, err := reservedNames()
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
	versions := slices.Sorted(maps.Keys(byVersion))
	// The versions are prepared at once, each on its own goroutine (they
	// share nothing but the runtime's files and names, which are only
	// read); their files are built and rendered on every core.
	work := newPool()
	defer work.close()
	built := make([]*version, len(versions))
	var wg sync.WaitGroup
	for i, v := range versions {
		// Only b holds the version's pages from here, and only until it
		// has read them.
		b := &version{v: v, api: byVersion[v], all: allByVersion[v], opts: opts, reserved: reserved, rt: rt, rtTests: rtTests, rd: &renderer{pool: work, files: map[string][]byte{}}, d: &diags{}, inspect: inspect}
		built[i] = b
		delete(byVersion, v)
		delete(allByVersion, v)
		wg.Go(b.build)
	}
	wg.Wait()
	res := &Result{Files: map[string][]byte{}}
	var gens []*pkgGen
	for _, b := range built {
		if b.err != nil {
			return nil, nil, b.err
		}
		if err := b.rd.wait(res.Files); err != nil {
			return nil, nil, err
		}
		maps.Copy(res.Files, b.files)
		res.Packages = append(res.Packages, b.pkg)
		d.list = append(d.list, b.d.list...)
		if inspect {
			gens = append(gens, b.g)
		}
	}
	slices.SortFunc(res.Packages, func(a, b Package) int { return cmp.Compare(a.Dir, b.Dir) })
	res.Diagnostics = d.sorted()
	return res, gens, nil
}

// version builds the package of one API version.
type version struct {
	v        string
	api, all []*parser.Page // its usable API pages, and all its pages (for the models)
	opts     Options
	reserved map[string]bool
	rt       []runtimeFile
	rtTests  []runtimeFile
	rd       *renderer
	d        *diags // this version's diagnostics

	inspect bool // keep g for tests

	pkg   Package
	files map[string][]byte // the runtime's files; rd has the rest
	g     *pkgGen
	err   error
}

// build builds the version's package; it lets go of the pages as soon as
// the models and operations have what they need of them.
func (b *version) build() {
	v, opts, d := b.v, b.opts, b.d
	slices.SortFunc(b.api, func(x, y *parser.Page) int { return cmp.Compare(x.File, y.File) })
	name, dir := PackageFor(v, opts.Package)
	pkg := Package{Version: v, Name: name, Dir: dir}
	m := newModels(b.all, v, b.reserved)
	b.all = nil
	m.all = opts.AllModels
	ops := collectOperations(b.api, b.reserved, d)
	b.api = nil
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
	g := &pkgGen{name: name, version: v, opts: opts, ops: ops, headerOpts: hopts, reserved: b.reserved, models: m, diags: d}
	if b.inspect {
		b.g = g
	}
	b.files = map[string][]byte{}
	for _, f := range append(slices.Clone(b.rt), b.rtTests...) {
		if f.name == permissionTableFile {
			continue // permissions_gen.go holds the package's own
		}
		src, err := rewriteRuntime(f, name, BaseURL(v))
		if err != nil {
			b.err = err
			return
		}
		p := dir + "/runtime_" + strings.TrimPrefix(f.name, "runtime_")
		b.files[p] = src
		pkg.Files = append(pkg.Files, p)
	}
	// What reports diagnostics or names things (replaying examples
	// against the models, naming enum constants) is done here, in one
	// order; building the files from it only reads, so files are built and
	// rendered (gofmt, the costly part) on every core, one task per file.
	shards := g.shards()
	replays, errRun := g.replays()
	defs := m.plan()
	pkg.Models = len(defs)
	d.list = append(d.list, m.diagnostics()...)
	if !b.inspect { // tests look at the operations' examples
		g.release()
	}
	// A file's weight is the number of methods or models it holds.
	run := func(file, what string, weight int, build func() *jen.File, done func()) {
		b.rd.run(dir+"/"+file, dir+"/"+file+": "+what, weight, build, done)
		pkg.Files = append(pkg.Files, dir+"/"+file)
	}
	// The main client file comes last: it keeps the runtime helpers that no
	// method of the other files uses.
	used := make([]map[string]bool, len(shards))
	var clients sync.WaitGroup
	for i, sh := range shards[1:] {
		clients.Add(1)
		run(clientFileName(sh.key), "client", len(sh.ops), func() *jen.File {
			used[i+1] = map[string]bool{}
			return g.clientFile(sh, used[i+1])
		}, clients.Done)
	}
	// One string constant, a line per method: cheap to format.
	run("permissions_gen.go", "permissions", len(g.ops)/10, g.permissionsFile, nil)
	for _, sh := range shards {
		run(testFileName(sh.key), "tests", len(sh.ops), func() *jen.File { return g.testFile(sh, replays, errRun) }, nil)
	}
	m.files(name, func(file string, weight int, build func() *jen.File) { run(file, "models", weight, build, nil) })
	clients.Wait()
	run(clientFileName(""), "client", len(shards[0].ops), func() *jen.File {
		all := map[string]bool{}
		for _, u := range used {
			maps.Copy(all, u)
		}
		return g.clientFile(shards[0], all)
	}, nil)
	slices.Sort(pkg.Files)
	b.pkg = pkg
}

// pool runs tasks on GOMAXPROCS goroutines, as many at once as their
// weights allow: a file's tree and its formatting cost memory in
// proportion to the methods or models it holds (about 25 KB each), and two
// large files at once would double the peak while small ones fill in.
type pool struct {
	tasks chan task
	mu    sync.Mutex
	free  *sync.Cond
	load  int // weight of the tasks running
}

type task struct {
	weight int
	run    func()
}

// renderBudget is the weight of the tasks that may run at once (one task
// always may, whatever its weight).
const renderBudget = 2 * maxShard

func newPool() *pool {
	p := &pool{tasks: make(chan task)}
	p.free = sync.NewCond(&p.mu)
	for range runtime.GOMAXPROCS(0) {
		go func() {
			for t := range p.tasks {
				p.mu.Lock()
				for p.load > 0 && p.load+t.weight > renderBudget {
					p.free.Wait()
				}
				p.load += t.weight
				p.mu.Unlock()
				t.run()
				p.mu.Lock()
				p.load -= t.weight
				p.free.Broadcast()
				p.mu.Unlock()
			}
		}()
	}
	return p
}

func (p *pool) close() { close(p.tasks) }

// renderer builds and renders the jennifer files of one package on a
// pool, each file on one goroutine from start to end, so that only the
// files being worked on are held at once.
type renderer struct {
	pool  *pool
	wg    sync.WaitGroup
	mu    sync.Mutex
	files map[string][]byte
	errs  []error // by run order
}

// run builds the file path with build and renders it; what names it in an
// error, weight is what it holds (see pool); done, if not nil, is called
// when the file is built.
func (r *renderer) run(path, what string, weight int, build func() *jen.File, done func()) {
	i := len(r.errs)
	r.errs = append(r.errs, nil)
	r.wg.Add(1)
	r.pool.tasks <- task{weight: weight, run: func() {
		defer r.wg.Done()
		f := build()
		if done != nil {
			done()
		}
		src, err := render(f)
		r.mu.Lock()
		defer r.mu.Unlock()
		if err != nil {
			r.errs[i] = fmt.Errorf("%s: %w", what, err)
			return
		}
		r.files[path] = src
	}}
}

// wait waits for every file and adds them to files; the error is the first
// in run order, so it does not depend on which finished first.
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
// It formats (gofmt) what jennifer writes, as jennifer's Render does, but
// only once the tree is written out, so that the tree can go while the
// source is formatted: the two at once cost twice the memory.
func render(f *jen.File) ([]byte, error) {
	var buf bytes.Buffer
	f.NoFormat = true
	if err := f.Render(&buf); err != nil {
		return nil, err
	}
	src, err := format.Source(buf.Bytes())
	if err != nil {
		return nil, fmt.Errorf("formatting the generated source: %w\n%s", err, buf.Bytes())
	}
	// The formatter's buffer grew by doubling; what is kept until the run
	// ends is the source alone.
	return bytes.Clone(src), nil
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
