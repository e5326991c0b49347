package schema

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docs2go/docs2go/parser"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

type flatDef struct {
	Def         // with its links cleared
	Base, Owner string
	Derived     []string
	Props       []flatProp
}

type flatProp struct {
	Prop
	Def string // Type.Def's key
}

func keyOf(d *Def) string {
	if d == nil {
		return ""
	}
	return d.Key
}

func flatten(defs []*Def) []flatDef {
	var out []flatDef
	for _, d := range defs {
		f := flatDef{Def: *d, Base: keyOf(d.Base), Owner: keyOf(d.Owner)}
		for _, x := range d.Derived {
			f.Derived = append(f.Derived, x.Key)
		}
		for _, p := range d.Props {
			fp := flatProp{Prop: *p, Def: keyOf(p.Type.Def)}
			fp.Prop.Type.Def = nil
			f.Props = append(f.Props, fp)
		}
		f.Def.Base, f.Def.Owner, f.Def.Derived, f.Def.Props = nil, nil, nil, nil
		out = append(out, f)
	}
	return out
}

// TestKeep: a schema built from the kept parts of the pages is the schema
// built from the whole pages, on every page the team wrote (all locales,
// both shapes) and, when unpacked, the pt-BR corpus's v1.0 types.
func TestKeep(t *testing.T) {
	roots := []string{"../../docs-input"}
	if _, err := os.Stat("../../../shared/corpus/pt-BR/api-reference/v1.0/resources"); err == nil {
		roots = append(roots, "../../../shared/corpus/pt-BR/api-reference/v1.0/resources")
	} else {
		t.Log("corpus absent (run ../shared/corpus/unpack): checking docs-input only")
	}
	var pages, kept []*parser.Page
	for _, root := range roots {
		err := filepath.WalkDir(root, func(file string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(file, ".md") {
				return err
			}
			src, err := os.ReadFile(file)
			if err != nil {
				return err
			}
			p := parser.Parse(file, src)
			pages = append(pages, p)
			kept = append(kept, Keep(p))
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, version := range []string{"v1.0", "beta"} {
		whole, part := New(pages, version), New(kept, version)
		whole.ResolveAll()
		part.ResolveAll()
		if len(whole.Order) == 0 {
			t.Fatalf("%s: no types documented", version)
		}
		// Defs link to each other (bases, owners, derived types): compared
		// by key, flattened.
		if diff := cmp.Diff(flatten(whole.Order), flatten(part.Order), cmpopts.EquateEmpty(), cmpopts.IgnoreUnexported(Def{})); diff != "" {
			t.Errorf("%s: schema from kept pages differs (-whole +kept):\n%s", version, diff)
		}
		if diff := cmp.Diff(whole.Diagnostics(), part.Diagnostics()); diff != "" {
			t.Errorf("%s: diagnostics differ (-whole +kept):\n%s", version, diff)
		}
	}
}
