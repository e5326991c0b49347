package gen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/ast"
	goparser "go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dave/jennifer/jen"
	docs "github.com/docs2go/docs2go/parser"
)

// corpusRoot is the real-docs corpus (see ../../shared/corpus/README.md).
const corpusRoot = "../../shared/corpus"

var corpusLocales = []string{"pt-BR", "es-ES", "en-US"}

var (
	corpusOnce  sync.Once
	corpusPages map[string][]*docs.Page
)

// loadCorpus parses the API and resource pages of the corpus locales once
// per test binary, skipping the test when the corpus is absent.
func loadCorpus(t *testing.T) map[string][]*docs.Page {
	t.Helper()
	if _, err := os.Stat(filepath.Join(corpusRoot, "pt-BR")); err != nil {
		t.Skipf("corpus not found at %s (run ../shared/corpus/unpack from the project root): %v", corpusRoot, err)
	}
	corpusOnce.Do(func() {
		corpusPages = map[string][]*docs.Page{}
		for _, loc := range corpusLocales {
			files, _ := filepath.Glob(filepath.Join(corpusRoot, loc, "api-reference", "*", "*", "*.md"))
			slices.Sort(files)
			pages := make([]*docs.Page, len(files))
			var wg sync.WaitGroup
			work := make(chan int)
			for range runtime.GOMAXPROCS(0) {
				wg.Go(func() {
					for i := range work {
						src, err := os.ReadFile(files[i])
						if err != nil {
							panic(err)
						}
						pages[i] = docs.Parse(files[i], src)
					}
				})
			}
			for i := range files {
				work <- i
			}
			close(work)
			wg.Wait()
			corpusPages[loc] = pages
		}
	})
	return corpusPages
}

// TestCorpusNames names every operation of the corpus, all locales of a
// version together, and fails on any collision (which the generator would
// resolve with a hash suffix).
func TestCorpusNames(t *testing.T) {
	byLocale := loadCorpus(t)
	rt, err := runtimeFiles()
	if err != nil {
		t.Fatal(err)
	}
	reserved, err := runtimeNames(rt)
	if err != nil {
		t.Fatal(err)
	}
	byVersion := map[string][]*docs.Page{}
	for _, loc := range corpusLocales {
		for _, p := range byLocale[loc] {
			if usable(p) {
				byVersion[p.Version] = append(byVersion[p.Version], p)
			}
		}
	}
	for _, v := range slices.Sorted(func(yield func(string) bool) {
		for v := range byVersion {
			if !yield(v) {
				return
			}
		}
	}) {
		d := &diags{}
		ops := collectOperations(byVersion[v], reserved, d)
		n := 0
		for _, diag := range d.list {
			if diag.Code == "GEN1001" {
				t.Errorf("%s: %s", v, diag)
				n++
			}
		}
		t.Logf("%s: %d pages, %d operations named, %d collisions", v, len(byVersion[v]), len(ops), n)
		// Names hold no example values and arguments are named after
		// their placeholders, never numbered.
		badName, badArg := 0, 0
		for _, o := range ops {
			if exampleInName.MatchString(o.name) || strings.Contains(o.op.Path, "...") {
				t.Errorf("%s: method %s (%s) holds an example value", v, o.name, o.op.Path)
				badName++
			}
			for _, a := range o.args {
				if numberedArg.MatchString(a.goName) {
					t.Errorf("%s: method %s (%s) has an argument %s", v, o.name, o.op.Path, a.goName)
					badArg++
				}
			}
		}
		t.Logf("%s: %d method names with an example value, %d numbered arguments", v, badName, badArg)
		// The canonical page documents a path that product-specific
		// variants repeat.
		for _, o := range ops {
			if o.key == "GET /users/{}" && pageName(o.page) != "user-get" {
				t.Errorf("%s: %s is documented from %s, want user-get.md", v, o.name, o.page.File)
			}
		}
	}
}

// exampleInName is a hex run of a GUID in a Go name (…Acdefc6b2dc6…);
// numberedArg an argument told from another by a number (id2).
var (
	exampleInName = regexp.MustCompile(`[0-9a-fA-F]{8}[0-9a-fA-F]*[0-9][0-9a-fA-F]*[0-9]`)
	numberedArg   = regexp.MustCompile(`^id\d*$|^[a-z]+\d$`)
)

// typedCoverage is what TestCorpusTyped counts in one generated package.
type typedCoverage struct {
	respDocumented, respNamed int
	reqDocumented, reqTyped   int
	untyped                   []string
}

// methodCoverage reads the methods of a package's generated client files and counts,
// among those whose page documents a response (request) body, the ones
// whose result (body argument) is a named Go type rather than
// json.RawMessage, any or a map. pageOf maps a method's "Source:" doc line
// to its page.
func methodCoverage(t *testing.T, res *Result, dir string, pageOf func(source string) *docs.Page) typedCoverage {
	t.Helper()
	var decls []ast.Decl
	for _, rel := range clientFiles(res, dir) {
		f, err := goparser.ParseFile(token.NewFileSet(), rel, res.Files[rel], goparser.ParseComments|goparser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		decls = append(decls, f.Decls...)
	}
	var c typedCoverage
	for _, d := range decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Recv == nil || fd.Doc == nil {
			continue
		}
		var source string
		for _, l := range fd.Doc.List {
			if s, ok := strings.CutPrefix(l.Text, "// Source: "); ok {
				source = s
			}
		}
		p := pageOf(source)
		if p == nil {
			t.Errorf("%s: page %q not found", fd.Name.Name, source)
			continue
		}
		if p.Response.Type != nil && fd.Type.Results != nil && len(fd.Type.Results.List) > 1 {
			c.respDocumented++
			if typedExpr(fd.Type.Results.List[0].Type) {
				c.respNamed++
			} else {
				c.untyped = append(c.untyped, fmt.Sprintf("%s returns %s (%s)", fd.Name.Name, exprString(fd.Type.Results.List[0].Type), source))
			}
		}
		switch p.RequestBody.Kind {
		case docs.BodyParameters, docs.BodyResource, docs.BodyJSON:
			var body ast.Expr
			for _, prm := range fd.Type.Params.List {
				for _, n := range prm.Names {
					if n.Name == "body" {
						body = prm.Type
					}
				}
			}
			if body == nil {
				continue // GET, HEAD: no body whatever the page says
			}
			c.reqDocumented++
			if typedExpr(body) {
				c.reqTyped++
			} else {
				c.untyped = append(c.untyped, fmt.Sprintf("%s takes %s (%s)", fd.Name.Name, exprString(body), source))
			}
		}
	}
	return c
}

// typedExpr reports whether a result or body type is named: not
// json.RawMessage, any, interface{} or a map (looking through pointers,
// slices and iter.Seq2).
func typedExpr(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.StarExpr:
		return typedExpr(e.X)
	case *ast.ArrayType:
		return typedExpr(e.Elt)
	case *ast.IndexListExpr: // iter.Seq2[T, error]
		return typedExpr(e.Indices[0])
	case *ast.MapType, *ast.InterfaceType:
		return false
	case *ast.Ident:
		return e.Name != "any"
	case *ast.SelectorExpr:
		return exprString(e) != "json.RawMessage"
	}
	return true
}

func exprString(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.StarExpr:
		return "*" + exprString(e.X)
	case *ast.ArrayType:
		return "[]" + exprString(e.Elt)
	case *ast.IndexListExpr:
		return exprString(e.X) + "[" + exprString(e.Indices[0]) + ", ...]"
	case *ast.Ident:
		return e.Name
	case *ast.SelectorExpr:
		return exprString(e.X) + "." + e.Sel.Name
	}
	return fmt.Sprintf("%T", e)
}

// TestCorpusTyped generates the client of the pt-BR corpus and measures,
// from the generated methods, how many whose page documents a response
// body return a named Go type and how many whose page documents a request
// body take a typed one. Both must reach 95% in each package.
func TestCorpusTyped(t *testing.T) {
	pages := loadCorpus(t)["pt-BR"]
	root := filepath.Join(corpusRoot, "pt-BR")
	res := mustGenerate(t, pages, Options{SourceRoot: root})
	byFile := map[string]*docs.Page{}
	for _, p := range pages {
		byFile[sourcePath(p.File, root)] = p
	}
	pct := func(a, b int) float64 { return 100 * float64(a) / float64(max(b, 1)) }
	for _, pkg := range res.Packages {
		c := methodCoverage(t, res, pkg.Dir, func(s string) *docs.Page { return byFile[s] })
		resp, req := pct(c.respNamed, c.respDocumented), pct(c.reqTyped, c.reqDocumented)
		t.Logf("pt-BR %s: %d of %d methods with a documented response body return a named Go type (%.1f%%)", pkg.Dir, c.respNamed, c.respDocumented, resp)
		t.Logf("pt-BR %s: %d of %d methods with a documented request body take a typed body (%.1f%%)", pkg.Dir, c.reqTyped, c.reqDocumented, req)
		for _, u := range c.untyped {
			t.Logf("  untyped: %s", u)
		}
		if resp < 95 || req < 95 {
			t.Errorf("pt-BR %s: below the 95%% bar (responses %.1f%%, requests %.1f%%)", pkg.Dir, resp, req)
		}
	}
}

// TestCorpusBuild generates the clients of the corpus locales into one
// module (a folder per locale), adds to each pt-BR package a test that
// decodes every example response of the corpus that is valid JSON through
// its method, and runs go vet and go test once over the module, so that the
// go command builds the packages in parallel.
func TestCorpusBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and tests generated clients of the whole corpus; skipped in -short mode")
	}
	byLocale := loadCorpus(t)
	dir := t.TempDir()
	all := &Result{Files: map[string][]byte{}}
	var examplePkgs []string
	start := time.Now()
	for _, loc := range corpusLocales {
		root := filepath.Join(corpusRoot, loc)
		res, gens, err := generate(byLocale[loc], Options{SourceRoot: root}, true)
		if err != nil {
			t.Fatal(err)
		}
		folder := strings.ToLower(strings.ReplaceAll(loc, "-", ""))
		var summary []string
		for _, p := range res.Packages {
			summary = append(summary, fmt.Sprintf("%s: %d methods, %d models", p.Dir, p.Methods, p.Models))
		}
		for p, src := range res.Files {
			all.Files[folder+"/"+p] = src
		}
		if loc == "en-US" {
			for _, g := range gens {
				if g.version == "v1.0" {
					all.Files[folder+"/"+g.name+"/corpus_paths_test.go"] = pathEscapeFile(t, g)
				}
			}
		}
		if loc == "pt-BR" {
			for _, g := range gens {
				pkgDir := folder + "/" + g.name // the package's folder is its name
				all.Files[pkgDir+"/corpus_examples_test.go"] = exampleDecodeFile(t, g, root)
				all.Files[pkgDir+"/corpus_harness_test.go"] = []byte("package " + g.name + "\n" + corpusExampleHarness)
				examplePkgs = append(examplePkgs, pkgDir)
			}
		}
		t.Logf("%s: %s", loc, strings.Join(summary, ", "))
	}
	t.Logf("generated in %v", time.Since(start).Round(time.Millisecond))
	start = time.Now()
	goCheck(t, all, dir)
	t.Logf("vetted and tested in %v", time.Since(start).Round(time.Second))
	for _, p := range examplePkgs {
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p), "corpus_examples.txt"))
		if err != nil {
			t.Errorf("%s: example decoding left no report: %v", p, err)
			continue
		}
		for l := range strings.Lines(string(b)) {
			t.Logf("%s: %s", p, strings.TrimRight(l, "\n"))
		}
	}
}

// exampleDecodeFile is a test for a generated package that calls, for
// every example response of its pages that is valid JSON and has a 2xx
// status, the example's method against a server answering with it, and
// checks that the result keeps every member of the example. Failures the
// generator predicted from the types (docs defects, GEN4007) are listed;
// others fail the test. It writes its report to corpus_examples.txt.
func exampleDecodeFile(t *testing.T, g *pkgGen, root string) []byte {
	t.Helper()
	f := jen.NewFile(g.name)
	f.HeaderComment(header[3:])
	var cases []jen.Code
	for _, o := range g.ops {
		if o.result != resultJSON && o.result != resultCollection {
			continue
		}
		r := templateReplay(o, g.models)
		r.hasBody = false
		_, run := g.caller(o, r)
		for _, ex := range o.op.Examples {
			reply := ex.Response
			if reply == nil || reply.Status < 200 || reply.Status > 299 || !json.Valid([]byte(reply.Body)) {
				continue
			}
			body := reply.Body
			predicted := ""
			if o.result == resultCollection {
				body = withoutNextLink(body)
			}
			if o.resRef != nil && o.shape() != shapeRaw && o.shape() != shapeBytes {
				if e := g.models.checkResult(o, body); e != nil {
					predicted = e.Error()
				}
			}
			where := fmt.Sprintf("%s:%d", sourcePath(o.page.File, root), ex.Request.Line)
			cases = append(cases, jen.Values(jen.Dict{
				jen.Id("where"):     jen.Lit(where),
				jen.Id("method"):    jen.Lit(o.name),
				jen.Id("predicted"): jen.Lit(predicted),
				jen.Id("result"):    jen.Id(replayResult(o)),
				jen.Id("body"):      jen.Lit(body),
				jen.Id("run"):       run,
			}))
		}
	}
	f.Var().Id("corpusExamples").Op("=").Index().Id("corpusExample").Values(cases...)
	var buf bytes.Buffer
	if err := f.Render(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// withoutNextLink drops @odata.nextLink from a collection document: the
// test server has no next page.
func withoutNextLink(body string) string {
	var doc map[string]json.RawMessage
	if json.Unmarshal([]byte(body), &doc) != nil {
		return body
	}
	if _, ok := doc["@odata.nextLink"]; !ok {
		return body
	}
	delete(doc, "@odata.nextLink")
	out, err := json.Marshal(doc)
	if err != nil {
		return body
	}
	return string(out)
}

const corpusExampleHarness = `
import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
)

type corpusExample struct {
	where, method, predicted string
	result                   int
	body                     string
	run                      func(context.Context, *Client) (any, error)
}

// examine returns why a result lost members of the body it was decoded
// from, "" when it kept them all.
func examine(result int, body string, got any) string {
	var want any
	if err := json.Unmarshal([]byte(body), &want); err != nil {
		return err.Error()
	}
	b, err := marshalModel(got)
	if err != nil {
		return "re-encoding: " + err.Error()
	}
	var enc any
	json.Unmarshal(b, &enc)
	switch result {
	case replayModel:
	case replayCollection:
		obj, _ := want.(map[string]any)
		want = obj["value"]
	default:
		return ""
	}
	if lost := lostMembers("", enc, want); len(lost) > 0 {
		return fmt.Sprintf("members lost: %v", lost)
	}
	return ""
}

func TestCorpusExamples(t *testing.T) {
	var current string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(current))
	}))
	defer srv.Close()
	c := newReplayClient(srv.URL)
	tried, passed, predicted := 0, 0, 0
	var report []string
	for _, ex := range corpusExamples {
		current = ex.body
		tried++
		got, err := ex.run(context.Background(), c)
		problem := ""
		if err != nil {
			problem = err.Error()
		} else {
			problem = examine(ex.result, ex.body, got)
		}
		switch {
		case problem == "":
			passed++
		case ex.predicted != "":
			predicted++
			report = append(report, fmt.Sprintf("docs: %s (%s): %s", ex.where, ex.method, ex.predicted))
		default:
			t.Errorf("%s (%s): %s, which the generator did not predict", ex.where, ex.method, problem)
		}
	}
	summary := fmt.Sprintf("example responses: %d valid JSON tried, %d decode and keep every member, %d do not fit their documented type (docs defects, listed below)\n", tried, passed, predicted)
	if err := os.WriteFile("corpus_examples.txt", []byte(summary+strings.Join(report, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
}
`

// pathEscapeFile is a test for the generated en-US v1.0 package: a method
// of path-based addressing (GET /me/drive/root:/{item-path}) called with
// "Documents/Reports/q1 notes.txt" must request
// /me/drive/root:/Documents/Reports/q1%20notes.txt (and the same for the
// file name of an upload by folder), while an ordinary key (GET
// /users/{id}, the folder's ID) with a "/" in it is still one escaped
// segment.
func pathEscapeFile(t *testing.T, g *pkgGen) []byte {
	t.Helper()
	f := jen.NewFile(g.name)
	f.HeaderComment(header[3:])
	for _, c := range []struct {
		key  string
		args []string
		path string
	}{
		{"GET /me/drive/root:/{}", []string{"Documents/Reports/q1 notes.txt"}, "/me/drive/root:/Documents/Reports/q1%20notes.txt"},
		{"PUT /me/drive/items/{}:/{}:/content", []string{"01AB/CD", "Reports/q1 notes.txt"}, "/me/drive/items/01AB%2FCD:/Reports/q1%20notes.txt:/content"},
		{"GET /users/{}", []string{"a/b c"}, "/users/a%2Fb%20c"},
	} {
		var o *operation
		for _, op := range g.ops {
			if op.key == c.key {
				o = op
			}
		}
		if o == nil || len(o.args) != len(c.args) {
			t.Fatalf("%s: no operation %q with %d arguments in the generated client", g.name, c.key, len(c.args))
		}
		r := templateReplay(o, g.models)
		r.args = nil
		for _, a := range c.args {
			r.args = append(r.args, jen.Lit(a))
		}
		r.wirePath = c.path
		setup, run := g.caller(o, r)
		f.Func().Id("TestCorpusPath" + o.name).Params(jen.Id("t").Op("*").Qual("testing", "T")).Block(
			append(setup, jen.Id("replay").Call(jen.Id("t"), g.caseValue(o, r), run))...,
		)
	}
	var buf bytes.Buffer
	if err := f.Render(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestCorpusEnums checks the enum types of the en-US clients: none is made
// of $filter operators (description text, not a definition), and the
// documented enums of enums.md type their properties (event.importance).
func TestCorpusEnums(t *testing.T) {
	byLocale := loadCorpus(t)
	_, gens, err := generate(byLocale["en-US"], Options{SourceRoot: filepath.Join(corpusRoot, "en-US")}, true)
	if err != nil {
		t.Fatal(err)
	}
	ops := map[string]bool{"eq": true, "ne": true, "not": true, "gt": true, "ge": true, "lt": true, "le": true, "in": true, "startswith": true, "endswith": true}
	for _, g := range gens {
		enums, bad := 0, 0
		for _, d := range g.models.emitted() {
			if !d.Enum {
				continue
			}
			enums++
			operators := 0
			for _, m := range d.Members {
				if ops[strings.ToLower(m.Name)] {
					operators++
				}
			}
			if operators >= 2 {
				t.Errorf("%s: enum %s (%s) has the filter operators of a description: %d of %d members", g.name, g.models.goNames[d], d.File, operators, len(d.Members))
				bad++
			}
		}
		t.Logf("%s: %d enum types, %d made of filter operators", g.name, enums, bad)
		if g.version != "v1.0" {
			continue
		}
		found := 0
		for _, d := range g.models.emitted() {
			if d.Name != "event" || d.Enum {
				continue
			}
			for _, p := range d.Props {
				if p.Name == "importance" || p.Name == "sensitivity" {
					found++
					if p.Type.Def == nil || !p.Type.Def.Enum {
						t.Errorf("event.%s is not typed by its documented enum", p.Name)
					}
				}
			}
		}
		if found != 2 {
			t.Errorf("%s: event.importance and event.sensitivity not found (%d)", g.name, found)
		}
	}
}
