package gen

import "testing"

// TestCheckResultCollections: a collection method's example response is
// checked item by item. (o.resRef is the item type, its Collection
// cleared; checking it as it is would read {"value": [...]} as one model
// whose unknown "value" member is allowed, and let every collection
// example through: 126 pt-BR examples that do not fit, whose emitted
// replay tests then failed.)
func TestCheckResultCollections(t *testing.T) {
	_, gens, err := generate(loadDir(t, "../docs-input"), Options{Package: "graph", SourceRoot: "../docs-input"}, true)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, g := range gens {
		for _, o := range g.ops {
			if o.result != resultCollection || o.resRef == nil || !o.resRef.IsModel() {
				continue
			}
			n++
			if e := g.models.checkResult(o, `{"value": ["not an object"]}`); e == nil || e.Path != ".value[0]" {
				t.Errorf("%s: an item that is not an object: %v, want a mismatch at .value[0]", o.name, e)
			}
			if e := g.models.checkResult(o, `{"value": []}`); e != nil {
				t.Errorf("%s: an empty collection: %v", o.name, e)
			}
			if e := g.models.checkResult(o, `{"id": "1"}`); e == nil {
				t.Errorf("%s: one object where a collection is documented fits", o.name)
			}
		}
	}
	if n == 0 {
		t.Fatal("docs-input has no collection method of a model")
	}
	t.Logf("%d collection methods", n)
}
