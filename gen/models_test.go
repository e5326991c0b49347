package gen

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"go/format"
	goparser "go/parser"
	"go/token"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dave/jennifer/jen"
	"github.com/docs2go/docs2go/internal/goldentest"
	"github.com/docs2go/docs2go/parser"
)

// loadModelPages parses every page under dir, sorted by path, with file
// names relative to the repository root.
func loadModelPages(t testing.TB, dir string) []*parser.Page {
	t.Helper()
	var pages []*parser.Page
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		name := filepath.ToSlash(p)
		if rel, err := filepath.Rel("..", p); err == nil && !strings.HasPrefix(rel, "..") {
			name = filepath.ToSlash(rel)
		}
		pages = append(pages, parser.Parse(name, src))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) == 0 {
		t.Fatalf("no pages under %s", dir)
	}
	return pages
}

func testReserved(t testing.TB) map[string]bool {
	t.Helper()
	files, err := runtimeFiles()
	if err != nil {
		t.Fatal(err)
	}
	names, err := runtimeNames(files)
	if err != nil {
		t.Fatal(err)
	}
	return names
}

// reachFromOperations does what the method generator does: ask for the
// body and result type of every API page.
func reachFromOperations(m *models, pages []*parser.Page) {
	for _, p := range pages {
		if p.Kind != parser.APIPage {
			continue
		}
		base := strings.TrimSuffix(filepath.Base(p.File), ".md")
		m.requestBody(p, pascal(base))
		m.responseItem(p)
	}
}

// renderModels returns the models file of m and its diagnostics as text.
func renderModels(t testing.TB, m *models, pkg string) (src, diags []byte) {
	t.Helper()
	var buf bytes.Buffer
	if err := m.file(pkg).Render(&buf); err != nil {
		t.Fatalf("render: %v", err)
	}
	var d bytes.Buffer
	for _, x := range m.diagnostics() {
		fmt.Fprintln(&d, x)
	}
	return buf.Bytes(), d.Bytes()
}

// TestGoldenModels generates the models of each case under
// testdata/models/<case>/ (pages as docs teams write them: plain and side
// by side) and compares them with golden/gen/models/<case>/.
func TestGoldenModels(t *testing.T) {
	cases, err := os.ReadDir("testdata/models")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		t.Run(c.Name(), func(t *testing.T) {
			dir := filepath.Join("testdata/models", c.Name())
			gen := func() ([]byte, []byte) {
				pages := loadModelPages(t, dir)
				m := newModels(pages, "v1.0", testReserved(t))
				reachFromOperations(m, pages)
				return renderModels(t, m, "graph")
			}
			src, diags := gen()
			if again, _ := gen(); !bytes.Equal(src, again) {
				t.Error("generating twice gave different output")
			}
			if _, err := goparser.ParseFile(token.NewFileSet(), "models.go", src, 0); err != nil {
				t.Errorf("output does not parse: %v", err)
			}
			if formatted, err := format.Source(src); err != nil || !bytes.Equal(formatted, src) {
				t.Errorf("output is not gofmt-formatted (%v)", err)
			}
			golden := filepath.Join("../golden/gen/models", c.Name())
			goldentest.Check(t, filepath.Join(golden, "models.go.golden"), src)
			goldentest.Check(t, filepath.Join(golden, "diagnostics.txt"), diags)
		})
	}
}

// writeModelsPackage writes the runtime, models and extra files (name →
// contents) as a module in a temporary folder and returns it.
func writeModelsPackage(t testing.TB, dir string, models []byte, extra map[string]string) {
	t.Helper()
	files, err := runtimeFiles()
	if err != nil {
		t.Fatal(err)
	}
	write := func(name string, data []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range files {
		src, err := rewriteRuntime(f, "graph", "https://graph.microsoft.com/v1.0")
		if err != nil {
			t.Fatal(err)
		}
		write(f.name, src)
	}
	write("go.mod", []byte("module example.com/graph\n\ngo 1.24\n"))
	write("models.go", models)
	for name, src := range extra {
		write(name, []byte(src))
	}
}

// goTool runs the go command in dir, failing the test with its output.
func goTool(t testing.TB, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// TestModelsCompileAndDecode builds the plain case's models with the
// runtime, vets them, and runs a test in the generated package: the
// documented example decodes, keeps undeclared members, turns into the
// derived type its @odata.type names, and PATCH bodies send only what
// was set.
func TestModelsCompileAndDecode(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a generated package")
	}
	pages := loadModelPages(t, "testdata/models/plain")
	m := newModels(pages, "v1.0", testReserved(t))
	reachFromOperations(m, pages)
	src, _ := renderModels(t, m, "graph")
	dir := t.TempDir()
	writeModelsPackage(t, dir, src, map[string]string{"models_test.go": modelsInPackageTest})
	goTool(t, dir, "vet", ".")
	goTool(t, dir, "test", ".")
}

const modelsInPackageTest = `package graph

import (
	"encoding/json"
	"testing"
)

func TestDecodeDerived(t *testing.T) {
	body := []byte(` + "`" + `{"value":[{"@odata.type":"#microsoft.graph.gadget","id":"1","name":"Clock","batteryLevel":80,"color":"red","extra":true,"parent":{"id":"0","size":3}}]}` + "`" + `)
	var p page[Widget]
	if err := unmarshalModel(body, &p); err != nil {
		t.Fatal(err)
	}
	w := p.Value[0]
	if *w.ID != "1" || *w.Name != "Clock" || *w.Color != WidgetColorRed || *w.Parent.Size != 3 {
		t.Fatalf("decoded %+v", w)
	}
	if string(w.AdditionalData["batteryLevel"]) != "80" || string(w.AdditionalData["extra"]) != "true" {
		t.Fatalf("AdditionalData = %s", w.AdditionalData)
	}
	d, err := Derived(&w)
	if err != nil {
		t.Fatal(err)
	}
	g, ok := d.(*Gadget)
	if !ok || *g.BatteryLevel != 80 || *g.Name != "Clock" || string(g.AdditionalData["extra"]) != "true" {
		t.Fatalf("Derived = %#v", d)
	}
	out, err := marshalModel(g)
	if err != nil {
		t.Fatal(err)
	}
	var in, back map[string]any
	json.Unmarshal(body, &in)
	json.Unmarshal(out, &back)
	for k := range in["value"].([]any)[0].(map[string]any) {
		if _, ok := back[k]; !ok {
			t.Errorf("member %q lost: %s", k, out)
		}
	}
}

func TestPatchBody(t *testing.T) {
	var w Widget
	w.Name = Ptr("New")
	w.AdditionalData = Nulls("warranty")
	b, err := marshalModel(&w)
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != ` + "`" + `{"name":"New","warranty":null}` + "`" + ` {
		t.Errorf("PATCH body = %s", b)
	}
	req := WidgetPaintRequest{Color: Ptr(WidgetColorGreen), Coats: Ptr[int32](0)}
	if b, _ := marshalModel(req); string(b) != ` + "`" + `{"color":"green","coats":0}` + "`" + ` {
		t.Errorf("action body = %s", b)
	}
}
`

// modelsCorpus is the pt-BR side-by-side corpus beside the project.
const modelsCorpus = "../../shared/corpus/pt-BR/api-reference/v1.0"

// corpusExample is an example response to decode into its method's type.
type corpusExample struct {
	Where string          `json:"where"` // file:line
	Type  string          `json:"type"`  // Go model name
	Coll  bool            `json:"coll"`
	Body  json.RawMessage `json:"body"`
}

// TestCorpusModels measures, on the pt-BR v1.0 pages, how many methods with
// a documented response or request body get a named Go type, then builds the
// models of the whole version and decodes every example response that is
// valid JSON into its method's type, checking that re-encoding keeps every
// member the example had. Failures caused by the docs are listed.
func TestCorpusModels(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus test skipped in -short mode")
	}
	if _, err := os.Stat(modelsCorpus); err != nil {
		t.Skipf("corpus folder %s is absent (run ../shared/corpus/unpack from the project root): %v", modelsCorpus, err)
	}
	pages := loadModelPages(t, modelsCorpus)
	m := newModels(pages, "v1.0", testReserved(t))

	var respDocumented, respNamed, reqDocumented, reqTyped int
	var untypedResp, untypedReq []string
	var examples []corpusExample
	for _, p := range pages {
		if p.Kind != parser.APIPage || len(p.Operations) == 0 {
			continue
		}
		base := strings.TrimSuffix(filepath.Base(p.File), ".md")
		if t, ok := m.responseRef(p); ok {
			respDocumented++
			m.reach(t.def)
			if t.named() {
				respNamed++
			} else {
				untypedResp = append(untypedResp, fmt.Sprintf("%s:%d: %s", p.File, p.Response.Pos.Line, cmp.Or(p.Response.Type.Written, p.Response.Type.Name)))
			}
			if t.def != nil && !t.def.enum {
				for _, ex := range p.Examples {
					if ex.Reply == nil || !json.Valid([]byte(ex.Reply.Body)) {
						continue
					}
					examples = append(examples, corpusExample{fmt.Sprintf("%s:%d", p.File, ex.Pos.Line), t.def.goName, t.coll, json.RawMessage(ex.Reply.Body)})
				}
			}
		}
		switch p.RequestBody.Kind {
		case parser.BodyParameters, parser.BodyResource, parser.BodyJSON:
			reqDocumented++
			if t, ok := m.requestRef(p, pascal(base)); ok && t.named() {
				m.reach(t.def)
				reqTyped++
			} else {
				untypedReq = append(untypedReq, fmt.Sprintf("%s:%d: %s body", p.File, p.RequestBody.Pos.Line, p.RequestBody.Kind))
			}
		}
	}
	pct := func(a, b int) float64 { return 100 * float64(a) / float64(max(b, 1)) }
	t.Logf("responses: %d of %d methods with a documented response body return a named Go type (%.1f%%)", respNamed, respDocumented, pct(respNamed, respDocumented))
	t.Logf("requests: %d of %d methods with a documented request body take a typed body (%.1f%%)", reqTyped, reqDocumented, pct(reqTyped, reqDocumented))
	for _, s := range untypedResp {
		t.Logf("untyped response: %s", s)
	}
	for _, s := range untypedReq {
		t.Logf("untyped request: %s", s)
	}
	if pct(respNamed, respDocumented) < 95 || pct(reqTyped, reqDocumented) < 95 {
		t.Errorf("below the 95%% bar")
	}
	diags := m.diagnostics()
	t.Logf("%d model diagnostics (first 20):", len(diags))
	for _, d := range diags[:min(20, len(diags))] {
		t.Logf("  %s", d)
	}

	// Build every reached model with the runtime and decode the examples
	// inside the generated package.
	src, _ := renderModels(t, m, "graph")
	factory := jen.NewFile("graph")
	var entries []jen.Code
	for _, d := range m.emitted() {
		if !d.enum {
			entries = append(entries, jen.Lit(d.goName).Op(":").Func().Params().Any().Block(jen.Return(jen.New(jen.Id(d.goName)))))
		}
	}
	factory.Var().Id("byGoName").Op("=").Map(jen.String()).Func().Params().Any().Values(entries...)
	var fb bytes.Buffer
	if err := factory.Render(&fb); err != nil {
		t.Fatal(err)
	}
	exJSON, err := json.Marshal(examples)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	writeModelsPackage(t, dir, src, map[string]string{
		"factory_test.go": fb.String(), "examples.json": string(exJSON), "decode_test.go": corpusDecodeTest,
	})
	t.Logf("models file: %d bytes, %d models", len(src), len(entries))
	start := time.Now()
	goTool(t, dir, "vet", ".")
	t.Logf("go vet of the generated models package: %v", time.Since(start).Round(time.Millisecond))
	out := goTool(t, dir, "test", "-count=1", "-v", "-run", "TestDecodeExamples", ".")
	var tried, passed int
	for line := range strings.Lines(out) {
		if n, _ := fmt.Sscanf(strings.TrimSpace(line), "decode_test.go:%d: tried %d passed %d", new(int), &tried, &passed); n == 3 {
			continue
		}
		if strings.Contains(line, "FAIL ") || strings.Contains(line, "failure:") {
			t.Log(strings.TrimSpace(line))
		}
	}
	t.Logf("examples: %d valid JSON responses tried, %d decode and keep every member (%.1f%%)", tried, passed, pct(passed, tried))
	if tried == 0 {
		t.Error("no example was tried")
	}
}

// corpusDecodeTest runs inside the generated package: it decodes each
// example into its type with the runtime's helpers, re-encodes it and
// reports members that did not survive.
const corpusDecodeTest = `package graph

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"testing"
)

type example struct {
	Where string          ` + "`json:\"where\"`" + `
	Type  string          ` + "`json:\"type\"`" + `
	Coll  bool            ` + "`json:\"coll\"`" + `
	Body  json.RawMessage ` + "`json:\"body\"`" + `
}

// lost lists the member paths of in that out lacks.
func lost(path string, in, out any) []string {
	var miss []string
	switch a := in.(type) {
	case map[string]any:
		b, ok := out.(map[string]any)
		if !ok {
			return []string{path}
		}
		for k, v := range a {
			w, ok := b[k]
			if !ok {
				miss = append(miss, path+"."+k)
				continue
			}
			miss = append(miss, lost(path+"."+k, v, w)...)
		}
	case []any:
		b, ok := out.([]any)
		if !ok || len(b) != len(a) {
			return []string{path}
		}
		for i := range a {
			miss = append(miss, lost(fmt.Sprintf("%s[%d]", path, i), a[i], b[i])...)
		}
	}
	sort.Strings(miss)
	return miss
}

func check(item json.RawMessage, typ string) error {
	v := byGoName[typ]()
	if err := unmarshalModel(item, v); err != nil {
		return err
	}
	out, err := marshalModel(v)
	if err != nil {
		return err
	}
	var a, b any
	json.Unmarshal(item, &a)
	json.Unmarshal(out, &b)
	if m := lost("", a, b); len(m) > 0 {
		return fmt.Errorf("members lost: %v", m)
	}
	return nil
}

func TestDecodeExamples(t *testing.T) {
	data, err := os.ReadFile("examples.json")
	if err != nil {
		t.Fatal(err)
	}
	var exs []example
	if err := json.Unmarshal(data, &exs); err != nil {
		t.Fatal(err)
	}
	passed := 0
	for _, ex := range exs {
		var items []json.RawMessage
		var coll struct{ Value []json.RawMessage ` + "`json:\"value\"`" + ` }
		switch {
		case ex.Coll && json.Unmarshal(ex.Body, &coll) == nil && coll.Value != nil:
			items = coll.Value
		case ex.Coll && json.Unmarshal(ex.Body, &items) == nil:
		default:
			items = []json.RawMessage{ex.Body}
		}
		var fail error
		for _, it := range items {
			if err := check(it, ex.Type); err != nil {
				fail = err
				break
			}
		}
		if fail != nil {
			t.Logf("failure: %s (%s): %v", ex.Where, ex.Type, fail)
			continue
		}
		passed++
	}
	t.Logf("tried %d passed %d", len(exs), passed)
}
`
