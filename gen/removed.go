package gen

import (
	"cmp"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"path"
	"slices"
	"strings"

	docs "github.com/docs2go/docs2go/parser"
	"github.com/docs2go/docs2go/parser/diag"
)

// sourcePrefix starts the doc comment line of a client method that names
// the page it was generated from.
const sourcePrefix = "Source: "

// Damaged tells whether a page's API content cannot be trusted to give
// its methods: it has an error diagnostic (gen skips it), no known API
// version, or an HTTP request it could not read (DG2001, DG2002). A front
// matter that is not YAML is not damage: it costs only metadata. The
// reason is empty when the page is sound.
func Damaged(p *docs.Page) (reason string) {
	if p == nil || p.Kind == docs.ResourcePage {
		return ""
	}
	for _, d := range p.Diagnostics {
		if d.Severity == docs.Error {
			return fmt.Sprintf("%s at %d:%d", d.Code, d.Pos.Line, d.Pos.Col)
		}
	}
	// The request line that could not be read says more than the page
	// having no operation.
	for _, rule := range []*diag.Rule{docs.CodeBadRequestLine, docs.CodeNoOperations} {
		for _, d := range p.Diagnostics {
			if d.Code == rule.ID {
				return fmt.Sprintf("%s at %d:%d", d.Code, d.Pos.Line, d.Pos.Col)
			}
		}
	}
	if p.Kind == docs.APIPage && p.Version == "" {
		return "API version unknown"
	}
	return ""
}

// ClientMethods reads a generated client file (see IsClientFile) and returns
// each method of Client with the page its doc comment names as source.
func ClientMethods(src []byte) (map[string]string, error) {
	f, err := parser.ParseFile(token.NewFileSet(), "client_gen.go", src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	methods := map[string]string{}
	for _, decl := range f.Decls {
		fn, ok := decl.(*ast.FuncDecl)
		if !ok || fn.Recv == nil || len(fn.Recv.List) != 1 || !isClientReceiver(fn.Recv.List[0].Type) {
			continue
		}
		source := ""
		if fn.Doc != nil {
			for _, line := range strings.Split(fn.Doc.Text(), "\n") {
				if s, ok := strings.CutPrefix(line, sourcePrefix); ok {
					source = s
				}
			}
		}
		methods[fn.Name.Name] = source
	}
	return methods, nil
}

func isClientReceiver(e ast.Expr) bool {
	star, ok := e.(*ast.StarExpr)
	if !ok {
		return false
	}
	id, ok := star.X.(*ast.Ident)
	return ok && id.Name == "Client"
}

// Removal is a client method that a damaged page documented in the
// previous output and that the new output no longer has.
type Removal struct {
	Page    string // the damaged page's file
	Reason  string // why it is damaged (see Damaged)
	Package string // package folder, relative to the output root
	Method  string
}

// Removals compares the previous client files (their paths relative to
// the output root, as in Result.Files, to their contents; see
// IsClientFile) with a result and lists the methods whose source page is
// damaged and which the result drops, sorted by page, package and method.
// The error is only for a result that does not parse. A page that is
// sound may drop a method (the docs removed it); a damaged page must not
// do so silently.
func Removals(previous map[string][]byte, res *Result, pages []*docs.Page, sourceRoot string) ([]Removal, error) {
	damaged := map[string]*docs.Page{}
	for _, p := range pages {
		if Damaged(p) != "" {
			damaged[sanitize(sourcePath(p.File, sourceRoot))] = p
		}
	}
	if len(damaged) == 0 {
		return nil, nil
	}
	// Previous output that is not Go (a merge left conflict marks) says
	// nothing about methods; regenerating repairs it.
	old, _ := packageMethods(previous, true)
	if len(old) == 0 {
		return nil, nil
	}
	// Only the packages that had methods are read again (parsing all of a
	// client costs more memory than generating it).
	files := map[string][]byte{}
	for rel, b := range res.Files {
		if _, ok := old[path.Dir(rel)]; ok {
			files[rel] = b
		}
	}
	now, err := packageMethods(files, false)
	if err != nil {
		return nil, err
	}
	var out []Removal
	for dir, methods := range old {
		for name, source := range methods {
			p := damaged[source]
			if _, kept := now[dir][name]; kept || p == nil {
				continue
			}
			out = append(out, Removal{Page: p.File, Reason: Damaged(p), Package: dir, Method: name})
		}
	}
	slices.SortFunc(out, func(a, b Removal) int {
		return cmp.Or(cmp.Compare(a.Page, b.Page), cmp.Compare(a.Package, b.Package), cmp.Compare(a.Method, b.Method))
	})
	return out, nil
}

// PackageMethods reads the client files among files (paths relative to
// the output root, as in Result.Files) and returns, by package folder,
// each method of Client with the page its doc comment names as source.
func PackageMethods(files map[string][]byte) (map[string]map[string]string, error) {
	return packageMethods(files, false)
}

// packageMethods is PackageMethods; with skipBad a file that does not
// parse is left out instead of being an error.
func packageMethods(files map[string][]byte, skipBad bool) (map[string]map[string]string, error) {
	out := map[string]map[string]string{}
	for _, rel := range slices.Sorted(maps.Keys(files)) {
		dir, name := path.Split(rel)
		if !IsClientFile(name) {
			continue
		}
		methods, err := ClientMethods(files[rel])
		if err != nil {
			if skipBad {
				continue
			}
			return nil, fmt.Errorf("%s: %w", rel, err)
		}
		dir = strings.TrimSuffix(dir, "/")
		if out[dir] == nil {
			out[dir] = map[string]string{}
		}
		maps.Copy(out[dir], methods)
	}
	return out, nil
}
