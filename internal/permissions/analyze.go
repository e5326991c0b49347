// Package permissions tells a Go program which Microsoft Graph permissions
// it needs: it finds the program's calls of docs2go-generated clients and
// chooses, per permission kind, the smallest least-privileged set that
// covers them, from the permissions the reference pages document (each
// client's PermissionTable).
package permissions

import (
	"bufio"
	"cmp"
	"errors"
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/tools/go/packages"

	"github.com/docs2go/docs2go/gen"
	graphrt "github.com/docs2go/docs2go/gen/runtime"
)

// Options say what to analyse.
type Options struct {
	// Dir is the directory patterns are resolved in and positions are shown
	// relative to; "" is the current directory.
	Dir string
	// Patterns are go/packages patterns ("./...", an import path).
	Patterns []string
	// Client limits the analysis to the client with this import path; ""
	// takes every docs2go-generated client the program calls.
	Client string
	// Env is the go command's environment; nil is os.Environ().
	Env []string
}

// Report is the analysis of a program.
type Report struct {
	// The permissions to ask for, per kind, least privileged first.
	DelegatedWork     []string `json:"delegatedWork"`
	DelegatedPersonal []string `json:"delegatedPersonal"`
	Application       []string `json:"application"`
	// Calls are the program's calls of client methods, by position.
	Calls []Call `json:"calls"`
	// Uncovered are the calls a kind cannot make: their page says "Not
	// supported" for it.
	Uncovered []KindCall `json:"uncovered"`
	// Undocumented are the calls whose page says nothing about a kind;
	// they do not count for that kind's set.
	Undocumented []KindCall `json:"undocumented"`
}

// Call is one call of a client method.
type Call struct {
	File        string     `json:"file"`
	Line        int        `json:"line"`
	Column      int        `json:"column"`
	Client      string     `json:"client"` // the client package's import path
	Method      string     `json:"method"`
	Operation   string     `json:"operation"`
	Permissions Accepted   `json:"permissions"`
	table       *clientTab // the client's table
}

// Accepted are the permissions a call's page documents per kind, least
// privileged first: null when the page does not say, [] when the kind is
// not supported.
type Accepted struct {
	DelegatedWork     []string `json:"delegatedWork"`
	DelegatedPersonal []string `json:"delegatedPersonal"`
	Application       []string `json:"application"`
}

// KindCall is a call seen from one kind.
type KindCall struct {
	Kind      string `json:"kind"` // delegatedWork, delegatedPersonal or application
	File      string `json:"file"`
	Line      int    `json:"line"`
	Method    string `json:"method"`
	Operation string `json:"operation"`
}

// Kind is a permission kind as the report names it.
type Kind struct {
	Key   string // JSON key: delegatedWork, delegatedPersonal, application
	Label string // for people
	Short string // for people, in lists of calls
}

// Kinds lists the kinds in the pages' order.
var Kinds = []Kind{
	{"delegatedWork", "Delegated permissions (work or school accounts)", "delegated, work or school"},
	{"delegatedPersonal", "Delegated permissions (personal Microsoft accounts)", "delegated, personal"},
	{"application", "Application permissions", "application"},
}

// Of returns a's list of kind k.
func (a Accepted) Of(k Kind) []string {
	switch k.Key {
	case "delegatedWork":
		return a.DelegatedWork
	case "delegatedPersonal":
		return a.DelegatedPersonal
	}
	return a.Application
}

// Of returns the report's set for kind k.
func (r *Report) Of(k Kind) []string {
	return Accepted{r.DelegatedWork, r.DelegatedPersonal, r.Application}.Of(k)
}

// accepted is the Accepted part of a table entry.
func accepted(p graphrt.Permissions) Accepted {
	return Accepted{p.DelegatedWork, p.DelegatedPersonal, p.Application}
}

// clientTab is a docs2go client package's permission table.
type clientTab struct {
	path    string
	methods map[string]graphrt.Permissions
	all     []graphrt.Permissions
}

// LoadError is a problem loading or type-checking the program; the
// analysis covers what could be loaded.
type LoadError struct{ Msg string }

func (e LoadError) Error() string { return e.Msg }

// Analyze loads the program and reports its calls and permissions. Load
// problems are returned with the report of what loaded (a *Report and
// errors joined of LoadError); a nil report means nothing could be
// analysed.
func Analyze(opts Options) (*Report, error) {
	dir := opts.Dir
	if dir == "" {
		wd, err := os.Getwd()
		if err != nil {
			return nil, err
		}
		dir = wd
	}
	cfg := &packages.Config{
		Mode: packages.NeedName | packages.NeedFiles | packages.NeedSyntax | packages.NeedTypes |
			packages.NeedTypesInfo | packages.NeedImports,
		Dir: dir,
		Env: opts.Env,
	}
	pkgs, err := packages.Load(cfg, opts.Patterns...)
	if err != nil {
		return nil, err
	}
	var loadErrs []error
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			loadErrs = append(loadErrs, LoadError{e.Error()})
		}
	})
	tables := map[*types.Package]*clientTab{}
	var calls []Call
	for _, p := range pkgs {
		if p.TypesInfo == nil {
			continue
		}
		for _, f := range p.Syntax {
			ast.Inspect(f, func(n ast.Node) bool {
				sel, ok := n.(*ast.SelectorExpr)
				if !ok {
					return true
				}
				c, ok := clientCall(p, sel, tables, opts.Client)
				if ok {
					pos := p.Fset.Position(sel.Sel.Pos())
					c.File, c.Line, c.Column = relPath(dir, pos.Filename), pos.Line, pos.Column
					calls = append(calls, c)
				}
				return true
			})
		}
	}
	slices.SortFunc(calls, func(a, b Call) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
	})
	calls = slices.CompactFunc(calls, func(a, b Call) bool {
		return a.File == b.File && a.Line == b.Line && a.Column == b.Column
	})
	return Build(calls), errors.Join(loadErrs...)
}

// clientCall recognises sel as a use of a method of a docs2go client's
// Client type: a method of a package that declares a PermissionTable in a
// file with the generator's header, listed in that table.
func clientCall(p *packages.Package, sel *ast.SelectorExpr, tables map[*types.Package]*clientTab, only string) (Call, bool) {
	s, ok := p.TypesInfo.Selections[sel]
	if !ok || (s.Kind() != types.MethodVal && s.Kind() != types.MethodExpr) {
		return Call{}, false
	}
	fn, ok := s.Obj().(*types.Func)
	if !ok || fn.Pkg() == nil {
		return Call{}, false
	}
	recv := fn.Type().(*types.Signature).Recv()
	if recv == nil {
		return Call{}, false
	}
	rt := recv.Type()
	if ptr, ok := rt.(*types.Pointer); ok {
		rt = ptr.Elem()
	}
	named, ok := rt.(*types.Named)
	if !ok || named.Obj().Name() != "Client" {
		return Call{}, false
	}
	pkg := fn.Pkg()
	if only != "" && pkg.Path() != only {
		return Call{}, false
	}
	tab, seen := tables[pkg]
	if !seen {
		tab = readTable(p.Fset, pkg)
		tables[pkg] = tab
	}
	if tab == nil {
		return Call{}, false
	}
	perms, ok := tab.methods[fn.Name()]
	if !ok {
		return Call{}, false
	}
	return Call{
		Client: pkg.Path(), Method: fn.Name(), Operation: perms.Operation, table: tab,
		Permissions: accepted(perms),
	}, true
}

// readTable returns pkg's permission table, or nil when pkg is not a
// docs2go client: its PermissionTable must be a string constant in the
// table format, declared in a file that starts with the generator's header.
func readTable(fset *token.FileSet, pkg *types.Package) *clientTab {
	c, ok := pkg.Scope().Lookup("PermissionTable").(*types.Const)
	if !ok || c.Val().Kind() != constant.String {
		return nil
	}
	if !generatedFile(fset.Position(c.Pos()).Filename) {
		return nil
	}
	all := graphrt.ParsePermissionTable(constant.StringVal(c.Val()))
	if all == nil {
		return nil
	}
	t := &clientTab{path: pkg.Path(), methods: map[string]graphrt.Permissions{}, all: all}
	for _, p := range all {
		t.methods[p.Method] = p
	}
	return t
}

// generatedFile reports whether file starts with docs2go's header.
func generatedFile(file string) bool {
	f, err := os.Open(file)
	if err != nil {
		return false
	}
	defer f.Close()
	line, err := bufio.NewReader(f).ReadString('\n')
	if err != nil {
		return false
	}
	return strings.TrimRight(line, "\r\n") == gen.Header
}

// relPath shows file relative to dir when it is inside it.
func relPath(dir, file string) string {
	if rel, err := filepath.Rel(dir, file); err == nil && !strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(rel)
	}
	return file
}

// Build works out the permissions for calls, which are in the program's
// order; each call's table gives the docs' privilege order.
func Build(calls []Call) *Report {
	r := &Report{Calls: calls, Uncovered: []KindCall{}, Undocumented: []KindCall{}}
	if r.Calls == nil {
		r.Calls = []Call{}
	}
	var tabs []*clientTab
	for _, c := range calls {
		if c.table != nil && !slices.Contains(tabs, c.table) {
			tabs = append(tabs, c.table)
		}
	}
	for _, k := range Kinds {
		var lists [][]string
		for _, t := range tabs {
			for _, p := range t.all {
				lists = append(lists, accepted(p).Of(k))
			}
		}
		var needs []need
		for _, c := range calls {
			list := c.Permissions.Of(k)
			kc := KindCall{Kind: k.Key, File: c.File, Line: c.Line, Method: c.Method, Operation: c.Operation}
			switch {
			case list == nil:
				r.Undocumented = append(r.Undocumented, kc)
			case len(list) == 0:
				r.Uncovered = append(r.Uncovered, kc)
			default:
				lists = append(lists, list)
				needs = append(needs, list)
			}
		}
		keep := map[string]bool{}
		for _, n := range needs {
			for _, p := range n {
				keep[fold(p)] = true
			}
		}
		set := cover(needs, newOrder(lists, keep))
		if set == nil {
			set = []string{}
		}
		switch k.Key {
		case "delegatedWork":
			r.DelegatedWork = set
		case "delegatedPersonal":
			r.DelegatedPersonal = set
		default:
			r.Application = set
		}
	}
	return r
}

// String describes a call for people: "main.go:12:9 GetMe (GET /me)".
func (c Call) String() string {
	return fmt.Sprintf("%s:%d:%d %s (%s)", c.File, c.Line, c.Column, c.Method, c.Operation)
}
