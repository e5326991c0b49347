package apidiff

import (
	"fmt"
	"slices"
	"strings"

	"github.com/docs2go/docs2go/parser"
	"github.com/docs2go/docs2go/parser/schema"
)

// This file is diff: the API changes between two revisions of the pages.
// Operations pair by version and Key, whatever page documents them, so a
// page renamed or split is followed; the facts of each pair (permissions,
// headers, query options, bodies, success status and type) are compared,
// and every difference is a finding of one check. Prose, formatting and
// examples are not compared: they change no call.

// opRef is an operation of a tree.
type opRef struct {
	doc *Doc
	op  *parser.Operation
	// key is the version and the operation's Key; pathKey the same without
	// the method.
	key, pathKey string
}

func (r opRef) method() string { return string(r.op.Method) }

// written is the operation as the page writes it.
func (r opRef) written() string { return string(r.op.Method) + " " + r.op.Path }

func (r opRef) at() Location { return Location{File: r.doc.File, Pos: r.op.Pos} }

func indexOps(t *Tree) map[string][]opRef {
	m := map[string][]opRef{}
	for i := range t.Docs {
		d := &t.Docs[i]
		for j := range d.Page.Operations {
			op := &d.Page.Operations[j]
			k := op.Key()
			method, path, _ := strings.Cut(k, " ")
			_ = method
			r := opRef{doc: d, op: op, key: d.Page.Version + " " + k, pathKey: d.Page.Version + " " + path}
			m[r.key] = append(m[r.key], r)
		}
	}
	return m
}

// Compare lists the API changes from old to new, sorted by page and
// operation.
func Compare(old, new *Tree) []Finding {
	c := &comparer{old: old, new: new, oldOps: indexOps(old), newOps: indexOps(new),
		oldTypes: newSchemas(old), newTypes: newSchemas(new)}
	c.oldDocs, c.newDocs = docsByPath(old), docsByPath(new)
	oldPaths, newPaths := map[string]bool{}, map[string]bool{}
	for _, rs := range c.oldOps {
		oldPaths[rs[0].pathKey] = true
	}
	for _, rs := range c.newOps {
		newPaths[rs[0].pathKey] = true
	}
	var removed, added []opRef
	keys := map[string]bool{}
	for k := range c.oldOps {
		keys[k] = true
	}
	for k := range c.newOps {
		keys[k] = true
	}
	for _, k := range sortedKeys(keys) {
		os, ns := c.oldOps[k], c.newOps[k]
		usedO, usedN := make([]bool, len(os)), make([]bool, len(ns))
		// The same page first, then in tree order.
		for i, o := range os {
			for j, n := range ns {
				if !usedN[j] && o.doc.Path == n.doc.Path {
					usedO[i], usedN[j] = true, true
					c.compareOps(o, n)
					break
				}
			}
		}
		j := 0
		for i, o := range os {
			if usedO[i] {
				continue
			}
			for j < len(ns) && usedN[j] {
				j++
			}
			if j == len(ns) {
				removed = append(removed, o)
				continue
			}
			usedN[j] = true
			c.compareOps(o, ns[j])
		}
		for j, n := range ns {
			if !usedN[j] {
				added = append(added, n)
			}
		}
	}
	// A removed and an added operation of one page on one path, whose
	// methods are each missing on the other side, are a method change.
	usedAdded := make([]bool, len(added))
	for _, r := range removed {
		k := slices.IndexFunc(added, func(a opRef) bool {
			return a.pathKey == r.pathKey && a.doc.Path == r.doc.Path &&
				len(c.newOps[r.key]) == 0 && len(c.oldOps[a.key]) == 0
		})
		if k >= 0 && !usedAdded[k] {
			usedAdded[k] = true
			a := added[k]
			c.add(checkMethodChanged, a, r.method(), a.method(), r.at(), a.at(),
				"method changed from %s to %s", r.method(), a.method())
			c.compareOps(r, a)
			continue
		}
		chk, what := checkPathRemoved, "path removed: no operation uses it any more"
		if newPaths[r.pathKey] {
			chk, what = checkOperationRemoved, "operation removed; the path remains with other methods"
		}
		c.findings = append(c.findings, Finding{Check: chk, Version: r.doc.Page.Version, Operation: r.written(),
			Page: r.doc.Path, Old: r.written(), OldAt: r.at(), NewAt: c.sectionIn(c.newDocs, r.doc.Path, parser.SectionHTTPRequest),
			Message: what})
	}
	for i, a := range added {
		if usedAdded[i] {
			continue
		}
		chk, what := checkPathAdded, "path added"
		if oldPaths[a.pathKey] {
			chk, what = checkOperationAdded, "operation added on a path that had other methods"
		}
		c.findings = append(c.findings, Finding{Check: chk, Version: a.doc.Page.Version, Operation: a.written(),
			Page: a.doc.Path, New: a.written(), NewAt: a.at(), OldAt: c.sectionIn(c.oldDocs, a.doc.Path, parser.SectionHTTPRequest),
			Message: what})
	}
	sortFindings(c.findings)
	return c.findings
}

type comparer struct {
	old, new           *Tree
	oldOps, newOps     map[string][]opRef
	oldDocs, newDocs   map[string]*Doc
	oldTypes, newTypes *schemas
	findings           []Finding
}

func docsByPath(t *Tree) map[string]*Doc {
	m := make(map[string]*Doc, len(t.Docs))
	for i := range t.Docs {
		m[t.Docs[i].Path] = &t.Docs[i]
	}
	return m
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// sectionIn locates a section of the page at path in a tree, for a change
// whose item is only on the other side: the place it was removed from or
// added to.
func (c *comparer) sectionIn(docs map[string]*Doc, path string, kind parser.SectionKind) Location {
	d := docs[path]
	if d == nil {
		return Location{}
	}
	return Location{File: d.File, Pos: sectionPos(d.Page, kind)}
}

func sectionPos(p *parser.Page, kind parser.SectionKind) parser.Pos {
	for _, s := range p.Sections {
		if s.Kind == kind {
			return s.Pos
		}
	}
	return p.TitlePos
}

// add records a change of the operation pair whose new side is n.
func (c *comparer) add(chk *Check, n opRef, old, new string, oldAt, newAt Location, format string, args ...any) {
	c.findings = append(c.findings, Finding{Check: chk, Version: n.doc.Page.Version, Operation: n.written(),
		Page: n.doc.Path, Old: old, New: new, OldAt: oldAt, NewAt: newAt, Message: fmt.Sprintf(format, args...)})
}

// compareOps compares the facts of one operation in both revisions.
func (c *comparer) compareOps(o, n opRef) {
	c.comparePermissions(o, n)
	c.compareHeaders(o, n)
	c.compareQuery(o, n)
	c.compareRequestBody(o, n)
	c.compareResponse(o, n)
}

var permissionKinds = []parser.PermissionKind{parser.DelegatedWork, parser.DelegatedPersonal, parser.Application}

var kindLabel = map[parser.PermissionKind]string{
	parser.DelegatedWork:     "delegated (work or school account)",
	parser.DelegatedPersonal: "delegated (personal Microsoft account)",
	parser.Application:       "application",
}

func scopesOf(p parser.Permissions, k parser.PermissionKind) []string {
	switch k {
	case parser.DelegatedWork:
		return p.DelegatedWork
	case parser.DelegatedPersonal:
		return p.DelegatedPersonal
	}
	return p.Application
}

func permissionRowPos(p *parser.Page, k parser.PermissionKind) parser.Pos {
	for _, r := range p.Permissions.Rows {
		if r.Kind == k {
			return r.Pos
		}
	}
	return sectionPos(p, parser.SectionPermissions)
}

// scopeList writes a kind's scopes as the table does.
func scopeList(s []string) string {
	if len(s) == 0 {
		return "Not supported"
	}
	return strings.Join(s, ", ")
}

// missingFold lists the items of a that b lacks, comparing case-insensitively.
func missingFold(a, b []string) []string {
	var out []string
	for _, x := range a {
		if !slices.ContainsFunc(b, func(y string) bool { return strings.EqualFold(x, y) }) &&
			!slices.ContainsFunc(out, func(y string) bool { return strings.EqualFold(x, y) }) {
			out = append(out, x)
		}
	}
	return out
}

func (c *comparer) comparePermissions(o, n opRef) {
	op, np := o.doc.Page, n.doc.Page
	for _, k := range permissionKinds {
		os, ns := scopesOf(op.Permissions, k), scopesOf(np.Permissions, k)
		if os == nil || ns == nil {
			continue // a page that does not say is no change
		}
		oldAt := Location{File: o.doc.File, Pos: permissionRowPos(op, k)}
		newAt := Location{File: n.doc.File, Pos: permissionRowPos(np, k)}
		ov, nv := kindLabel[k]+": "+scopeList(os), kindLabel[k]+": "+scopeList(ns)
		for _, s := range missingFold(ns, os) {
			c.add(checkPermissionAdded, n, ov, nv, oldAt, newAt,
				"%s permission %s added (was: %s)", kindLabel[k], s, scopeList(os))
		}
		for _, s := range missingFold(os, ns) {
			c.add(checkPermissionRemoved, n, ov, nv, oldAt, newAt,
				"%s permission %s removed (now: %s)", kindLabel[k], s, scopeList(ns))
		}
	}
}

// headersOf are the request headers that apply to an operation, but
// Authorization, which every call needs whether a page lists it or not.
func headersOf(r opRef) []parser.Header {
	hs := r.op.Headers
	if len(hs) == 0 {
		hs = r.doc.Page.Headers
	}
	out := make([]parser.Header, 0, len(hs))
	for _, h := range hs {
		if !strings.EqualFold(h.Name, "Authorization") {
			out = append(out, h)
		}
	}
	return out
}

func requiredWord(b bool) string {
	if b {
		return "required"
	}
	return "optional"
}

func (c *comparer) compareHeaders(o, n opRef) {
	ohs, nhs := headersOf(o), headersOf(n)
	find := func(hs []parser.Header, name string) *parser.Header {
		for i := range hs {
			if strings.EqualFold(hs[i].Name, name) {
				return &hs[i]
			}
		}
		return nil
	}
	hdrSection := func(r opRef) Location {
		return Location{File: r.doc.File, Pos: sectionPos(r.doc.Page, parser.SectionHeaders)}
	}
	for _, nh := range nhs {
		oh := find(ohs, nh.Name)
		newAt := Location{File: n.doc.File, Pos: nh.Pos}
		switch {
		case oh == nil && nh.Required:
			c.add(checkRequiredHeaderAdded, n, "", nh.Name+" (required)", hdrSection(o), newAt, "required request header %s added", nh.Name)
		case oh == nil:
			c.add(checkOptionalHeaderAdded, n, "", nh.Name+" (optional)", hdrSection(o), newAt, "optional request header %s added", nh.Name)
		case oh.Required != nh.Required:
			chk := checkHeaderBecameOptional
			if nh.Required {
				chk = checkHeaderBecameRequired
			}
			c.add(chk, n, nh.Name+" ("+requiredWord(oh.Required)+")", nh.Name+" ("+requiredWord(nh.Required)+")",
				Location{File: o.doc.File, Pos: oh.Pos}, newAt, "request header %s became %s", nh.Name, requiredWord(nh.Required))
		}
	}
	for _, oh := range ohs {
		if find(nhs, oh.Name) == nil {
			c.add(checkHeaderRemoved, n, oh.Name, "", Location{File: o.doc.File, Pos: oh.Pos}, hdrSection(n),
				"request header %s no longer documented", oh.Name)
		}
	}
}

func queryOf(r opRef) []parser.QueryParameter {
	if len(r.op.QueryParameters) > 0 {
		return r.op.QueryParameters
	}
	return r.doc.Page.QueryParameters
}

func queryName(s string) string { return strings.ToLower(strings.Trim(s, "`$ ")) }

func (c *comparer) compareQuery(o, n opRef) {
	oq, nq := queryOf(o), queryOf(n)
	has := func(qs []parser.QueryParameter, name string) bool {
		return slices.ContainsFunc(qs, func(q parser.QueryParameter) bool { return queryName(q.Name) == queryName(name) })
	}
	qSection := func(r opRef) Location {
		return Location{File: r.doc.File, Pos: sectionPos(r.doc.Page, parser.SectionQuery)}
	}
	for _, q := range nq {
		if !has(oq, q.Name) {
			c.add(checkQueryParameterAdded, n, "", q.Name, qSection(o), Location{File: n.doc.File, Pos: q.Pos}, "query parameter %s added", q.Name)
		}
	}
	for _, q := range oq {
		if !has(nq, q.Name) {
			c.add(checkQueryParameterRemoved, n, q.Name, "", Location{File: o.doc.File, Pos: q.Pos}, qSection(n), "query parameter %s no longer documented", q.Name)
		}
	}
}

// typeName is a type as compared: its name folded, without the
// microsoft.graph namespace, and Collection(…) around collections.
func typeName(t parser.TypeRef, collection bool) string {
	name := strings.TrimPrefix(strings.TrimPrefix(t.Name, "microsoft.graph."), "Edm.")
	if t.Collection || collection {
		return "Collection(" + name + ")"
	}
	return name
}

func (c *comparer) compareRequestBody(o, n opRef) {
	ob, nb := o.doc.Page.RequestBody, n.doc.Page.RequestBody
	oldAt := Location{File: o.doc.File, Pos: ob.Pos}
	newAt := Location{File: n.doc.File, Pos: nb.Pos}
	if ob.Kind == parser.BodyResource && nb.Kind == parser.BodyResource && ob.Resource != nil && nb.Resource != nil {
		a := c.oldTypes.resolve(o.doc.Page, *ob.Resource, ob.Pos)
		b := c.newTypes.resolve(n.doc.Page, *nb.Resource, nb.Pos)
		ot, nt := shown(a, *ob.Resource), shown(b, *nb.Resource)
		if !sameOnWire(a, b, *ob.Resource, *nb.Resource) {
			c.add(checkRequestBodyTypeChanged, n, ot, nt, oldAt, newAt, "request body changed from %s to %s", ot, nt)
		}
		return
	}
	props := func(b parser.RequestBody) ([]parser.Parameter, bool) {
		switch b.Kind {
		case parser.BodyNone:
			return nil, true
		case parser.BodyParameters:
			return b.Parameters, true
		}
		return nil, false
	}
	op, ok1 := props(ob)
	np, ok2 := props(nb)
	if !ok1 || !ok2 {
		return
	}
	find := func(ps []parser.Parameter, name string) *parser.Parameter {
		for i := range ps {
			if strings.EqualFold(ps[i].Name, name) {
				return &ps[i]
			}
		}
		return nil
	}
	for _, p := range np {
		q := find(op, p.Name)
		pAt := Location{File: n.doc.File, Pos: p.Pos}
		switch {
		case q == nil && p.Required:
			c.add(checkRequiredRequestPropertyAdded, n, "", p.Name, oldAt, pAt, "required request property %s added", p.Name)
		case q == nil:
			c.add(checkOptionalRequestPropertyAdded, n, "", p.Name, oldAt, pAt, "optional request property %s added", p.Name)
		default:
			qAt := Location{File: o.doc.File, Pos: q.Pos}
			if q.Required != p.Required {
				chk := checkRequestPropertyBecameOptional
				if p.Required {
					chk = checkRequestPropertyBecameRequired
				}
				c.add(chk, n, p.Name+" ("+requiredWord(q.Required)+")", p.Name+" ("+requiredWord(p.Required)+")", qAt, pAt,
					"request property %s became %s", p.Name, requiredWord(p.Required))
			}
			if q.Type.Name != "" && p.Type.Name != "" {
				a := c.oldTypes.resolve(o.doc.Page, q.Type, q.Pos)
				b := c.newTypes.resolve(n.doc.Page, p.Type, p.Pos)
				ot, nt := shown(a, q.Type), shown(b, p.Type)
				if !sameOnWire(a, b, q.Type, p.Type) && !valuesOnly(*q, p) {
					c.add(checkRequestPropertyTypeChanged, n, ot, nt, qAt, pAt, "request property %s changed type from %s to %s", p.Name, ot, nt)
				}
			}
		}
	}
	for _, q := range op {
		if find(np, q.Name) == nil {
			c.add(checkRequestPropertyRemoved, n, q.Name, "", Location{File: o.doc.File, Pos: q.Pos}, newAt, "request property %s no longer documented", q.Name)
		}
	}
}

func (c *comparer) compareResponse(o, n opRef) {
	or, nr := o.op.Response, n.op.Response
	oldAt := Location{File: o.doc.File, Pos: or.Pos}
	newAt := Location{File: n.doc.File, Pos: nr.Pos}
	if or.Status != 0 && nr.Status != 0 && or.Status != nr.Status {
		c.add(checkSuccessStatusChanged, n, fmt.Sprint(or.Status), fmt.Sprint(nr.Status), oldAt, newAt,
			"success status changed from %d to %d", or.Status, nr.Status)
	}
	switch {
	case or.Type != nil && nr.Type != nil:
		a, _ := c.oldTypes.of(o.doc.Page.Version).Response(o.doc.Page, *o.op)
		b, _ := c.newTypes.of(n.doc.Page.Version).Response(n.doc.Page, *n.op)
		ar, br := *or.Type, *nr.Type
		ar.Collection, br.Collection = or.Collection || ar.Collection, nr.Collection || br.Collection
		if !sameOnWire(a, b, ar, br) {
			ot, nt := shown(a, ar), shown(b, br)
			c.add(checkResponseTypeChanged, n, ot, nt, oldAt, newAt, "response changed from %s to %s", ot, nt)
			return
		}
		c.compareResponseProperties(o, n, a, b)
	case or.Type != nil && nr.Status == 204:
		ot := typeName(*or.Type, or.Collection)
		c.add(checkResponseBodyRemoved, n, ot, "204 No Content", oldAt, newAt, "response no longer has a body (was %s)", ot)
	case nr.Type != nil && or.Status == 204:
		nt := typeName(*nr.Type, nr.Collection)
		c.add(checkResponseBodyAdded, n, "204 No Content", nt, oldAt, newAt, "response now has a body: %s", nt)
	}
}

// compareResponseProperties compares the properties of the struct type an
// operation returns (base types included) in both revisions.
func (c *comparer) compareResponseProperties(o, n opRef, ot, nt schema.Type) {
	oprops := c.oldTypes.properties(o.doc.Page.Version, ot.Item())
	nprops := c.newTypes.properties(n.doc.Page.Version, nt.Item())
	if oprops == nil || nprops == nil {
		return
	}
	typ := nt.Def.Name
	for _, name := range nprops.names {
		p := nprops.byName[name]
		q, ok := oprops.byName[name]
		pAt := Location{File: c.newTypes.file(p.File), Pos: p.Pos}
		if !ok {
			c.add(checkResponsePropertyAdded, n, "", p.Name, Location{File: oprops.file, Pos: oprops.pos}, pAt,
				"property %s added to the returned %s", p.Name, typ)
			continue
		}
		if q.Ref.Name != "" && p.Ref.Name != "" && !propSame(q, p) {
			a, b := shown(q.Type, q.Ref), shown(p.Type, p.Ref)
			c.add(checkResponsePropertyTypeChanged, n, a, b, Location{File: c.oldTypes.file(q.File), Pos: q.Pos}, pAt,
				"property %s of the returned %s changed type from %s to %s", p.Name, typ, a, b)
		}
	}
	for _, name := range oprops.names {
		if _, ok := nprops.byName[name]; ok {
			continue
		}
		q := oprops.byName[name]
		c.add(checkResponsePropertyRemoved, n, q.Name, "", Location{File: c.oldTypes.file(q.File), Pos: q.Pos}, Location{File: nprops.file, Pos: nprops.pos},
			"property %s removed from the returned %s", q.Name, typ)
	}
}

// valuesOnly reports whether a String property and a named type are the
// same on the wire because the description lists the string values the
// named type stands for.
func valuesOnly(a, b parser.Parameter) bool {
	isString := func(t parser.TypeRef) bool { return !t.Collection && strings.EqualFold(t.Name, "String") }
	return (isString(a.Type) || isString(b.Type)) && !a.Type.Collection && !b.Type.Collection && (len(a.Values) > 0 || len(b.Values) > 0)
}
