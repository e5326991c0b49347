package gen

import (
	"bytes"
	"fmt"
	"go/format"
	goparser "go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docs2go/docs2go/internal/goldentest"
	"github.com/docs2go/docs2go/parser"
)

// loadModelPages parses every page under dir, sorted by path, with file
// names relative to the repository root.
func loadModelPages(t testing.TB, dir string) []*parser.Page {
	t.Helper()
	pages := loadDir(t, dir)
	if len(pages) == 0 {
		t.Fatalf("no pages under %s", dir)
	}
	for _, p := range pages {
		if rel, err := filepath.Rel("..", p.File); err == nil && !strings.HasPrefix(rel, "..") {
			p.File = rel
		}
		p.File = filepath.ToSlash(p.File)
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
		for _, op := range p.Operations {
			m.responseItem(p, op)
		}
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
