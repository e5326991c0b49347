package gen

import (
	"maps"
	"slices"
	"strings"

	"github.com/dave/jennifer/jen"
	"github.com/docs2go/docs2go/parser"
)

// pkgGen emits one package.
type pkgGen struct {
	name       string
	version    string
	opts       Options
	ops        []*operation
	headerOpts []headerOption
	reserved   map[string]bool
	models     *models // the version's model graph
	diags      *diags
}

// release lets go of what the operations no longer need once they are
// prepared (typed, their tests replayed): building files reads of a page
// only its file, locale, version, kind, description and permissions, and
// of an operation neither its examples nor its function parameters. The
// pages' other content (request bodies, headers, examples) can go.
func (g *pkgGen) release() {
	slim := map[*parser.Page]*parser.Page{}
	for _, o := range g.ops {
		p, ok := slim[o.page]
		if !ok {
			q := o.page
			p = &parser.Page{File: q.File, Locale: q.Locale, Version: q.Version, Kind: q.Kind, Description: q.Description, Permissions: q.Permissions}
			slim[q] = p
		}
		o.page = p
		o.op.Examples, o.op.FunctionParameters = nil, nil
	}
}

// comments renders doc lines, one jen comment each: a line can never hold
// a newline, so it can never leave the comment.
func comments(lines []string) *jen.Statement {
	s := jen.Null()
	for _, l := range lines {
		if l == "" {
			s.Comment("//").Line()
			continue
		}
		s.Comment(l).Line()
	}
	return s
}

// Methods are spread over several files, one per first path segment
// (client_users_gen.go holds the methods on /users/…), with their tests
// likewise: a file of a whole version's methods (8.6 MB for the pt-BR beta
// pages) costs gofmt several hundred MB at once, and small files render on
// every core. client_gen.go holds the package documentation, the header
// options and the methods whose path starts otherwise.

// shard is the methods of one client file and its test file.
type shard struct {
	key string // lower-case first path segment; "" for client_gen.go
	ops []*operation
}

// maxShardKey bounds a file name made from a path segment.
const maxShardKey = 48

// shardKey is the file o goes to: its path's first segment in lower case
// (file systems may ignore case), when that is a plain name; "" otherwise.
// Only ASCII letters and digits reach a file name.
func shardKey(o *operation) string {
	if len(o.op.Segments) == 0 {
		return ""
	}
	s := o.op.Segments[0]
	if s.Param != nil || s.Call || len(s.Pieces) != 1 || !isIdentifier(s.Literal) {
		return ""
	}
	k := strings.ToLower(s.Literal)
	if len(k) > maxShardKey {
		k = k[:maxShardKey]
	}
	return k
}

// maxShard is the number of methods of a first path segment above which
// they are split by verb (client_devicemanagement_get_gen.go holds the
// Get… methods on /deviceManagement/…): the pt-BR beta pages have 2,105
// methods on /deviceManagement, 3.4 MB of Go.
const maxShard = 400

// methodVerb is the leading word of a method name ("Get" of GetMeEvents),
// in lower case; "" when it does not start with one.
func methodVerb(name string) string {
	n := 0
	for n < len(name) && (n == 0 && isUpper(rune(name[n])) || n > 0 && isLower(rune(name[n]))) {
		n++
	}
	return strings.ToLower(name[:n])
}

// shards groups the package's methods by file, in file order (the main
// file's first), each in name order.
func (g *pkgGen) shards() []shard {
	by := map[string][]*operation{"": nil}
	for _, o := range g.ops {
		k := shardKey(o)
		by[k] = append(by[k], o)
	}
	var big []string
	for k, ops := range by {
		if k != "" && len(ops) > maxShard {
			big = append(big, k)
		}
	}
	slices.Sort(big)
	for _, k := range big {
		ops := by[k]
		delete(by, k)
		for _, o := range ops {
			kv := k
			if v := methodVerb(o.name); v != "" {
				kv += "_" + v
			}
			by[kv] = append(by[kv], o)
		}
	}
	var out []shard
	for _, k := range slices.Sorted(maps.Keys(by)) {
		out = append(out, shard{key: k, ops: by[k]})
	}
	return out
}

// clientFileName and testFileName name a shard's files.
func clientFileName(key string) string {
	if key == "" {
		return "client_gen.go"
	}
	return "client_" + key + "_gen.go"
}

func testFileName(key string) string {
	return strings.TrimSuffix(clientFileName(key), ".go") + "_test.go"
}

// IsClientFile reports whether a file name (no folder) is one of the
// generated client files that hold Client's methods.
func IsClientFile(name string) bool {
	if name == "client_gen.go" {
		return true
	}
	k, ok := strings.CutPrefix(name, "client_")
	if !ok {
		return false
	}
	k, ok = strings.CutSuffix(k, "_gen.go")
	return ok && k != ""
}

// clientFile is a shard's methods; used records the runtime helpers they
// call. The main file (key "") also holds the package documentation, the
// header options and the references that keep the runtime helpers no
// method uses: build it after the others, when used is complete.
func (g *pkgGen) clientFile(sh shard, used map[string]bool) *jen.File {
	f := jen.NewFile(g.name)
	f.HeaderComment(strings.TrimPrefix(header, "// "))
	if sh.key == "" {
		f.PackageComment("Package " + g.name + " is a client for Microsoft Graph " + sanitize(g.version) + ", generated by docs2go")
		f.PackageComment("from the API reference pages: one method per documented operation, on Client.")
		f.PackageComment("Create a client with NewClient and a TokenSource; errors are *Error.")
	}
	for _, o := range sh.ops {
		f.Add(g.method(o, used))
	}
	if sh.key != "" {
		return f
	}
	for _, h := range g.headerOpts {
		f.Add(comments([]string{
			h.goName + " sets the " + h.header + " request header, which the pages of this package document",
			"for some of its operations.",
		}).Func().Id(h.goName).Params(jen.Id("value").String()).Id("RequestOption").Block(
			jen.Return(jen.Id("WithHeader").Call(jen.Lit(h.header), jen.Id("value"))),
		))
	}
	var keep []jen.Code
	if !used["escapePath"] {
		keep = append(keep, jen.Id("_").Op("=").Id("escapePath"))
	}
	if !used["escapeItemPath"] {
		keep = append(keep, jen.Id("_").Op("=").Id("escapeItemPath"))
	}
	if !used["setContent"] {
		keep = append(keep, jen.Id("_").Op("=").Id("setContent"))
	}
	if !used["stream"] {
		keep = append(keep, jen.Id("_").Op("=").Parens(jen.Op("*").Id("Client")).Dot("stream"))
	}
	if !used["odataString"] {
		keep = append(keep, jen.Id("_").Op("=").Id("odataString"))
	}
	if !used["pages"] {
		keep = append(keep, jen.Id("_").Op("=").Id("pages").Index(jen.Qual("encoding/json", "RawMessage")))
	}
	if !used["primitiveResult"] {
		keep = append(keep, jen.Id("_").Op("=").Id("primitiveResult").Values())
	}
	if len(keep) > 0 {
		f.Comment("The runtime is copied whole into every package; these references keep the")
		f.Comment("helpers that no method of this package needs from being reported as unused.")
		f.Var().Defs(keep...)
	}
	return f
}

// optionNames lists the option functions of canonical header names.
func (g *pkgGen) optionNames(canon []string) string {
	var names []string
	for _, c := range canon {
		for _, h := range g.headerOpts {
			if h.canon == c {
				names = append(names, h.goName)
			}
		}
	}
	slices.Sort(names)
	return strings.Join(names, ", ")
}

// docLines is a method's doc comment.
func (g *pkgGen) docLines(o *operation) []string {
	http := sanitize(string(o.op.Method) + " " + o.op.Path)
	lines := wrap(leadSentence(o.name, http, sanitize(summary(o.page, g.opts.DocLang))), 90)
	lines = append(lines, "", "HTTP: "+http, "", "Permissions:")
	lines = append(lines, permissionLines(o.page)...)
	lines = append(lines, "")
	for _, h := range o.fixed {
		lines = append(lines, "It sends the required header "+sanitize(h.name+": "+h.value)+".")
	}
	if len(o.needs) > 0 {
		lines = append(lines, "Required headers, to pass as options: "+g.optionNames(o.needs)+".")
	}
	if len(o.hdrOpt) > 0 {
		lines = append(lines, "Header options: "+g.optionNames(o.hdrOpt)+".")
	}
	if o.body {
		switch t := o.bodyRef; {
		case t == nil:
			lines = append(lines, "The body is sent as JSON, or as is when it is []byte or json.RawMessage; nil sends none.")
		case t.IsModel() || t.Collection:
			lines = append(lines, "The body is sent as JSON, with its AdditionalData (see Nulls); nil sends none.")
		case t.IsRaw():
			lines = append(lines, "The body is raw JSON, sent as is; nil sends none.")
		case t.IsBytes():
			lines = append(lines, "The body is sent as is; nil sends none.")
		default:
			lines = append(lines, "The body is sent as JSON; nil sends none.")
		}
	}
	if o.content {
		lines = append(lines, "The body is the content read from content (whole, so that a retry can resend it), sent with",
			"Content-Type contentType (application/octet-stream when empty).")
	}
	switch o.result {
	case resultCollection:
		lines = append(lines, "The iterator yields the collection's items, following @odata.nextLink.")
		if isDelta(o.op) {
			lines = append(lines, "A delta query: WithCollectionInfo receives the final @odata.deltaLink, and FromLink(deltaLink)",
				"in a later call returns only what changed since.")
		}
		if t := o.resRef; t != nil && hasDerived(t) {
			lines = append(lines, "Derived turns an item into the type its @odata.type names.")
		}
	case resultJSON:
		if t := o.resRef; t != nil && hasDerived(t) {
			lines = append(lines, "Derived turns the result into the type its @odata.type names.")
		}
	case resultBytes:
		lines = append(lines, "It returns the content as it arrives (following a redirect to it); the caller closes it.")
	}
	if t := o.bodyRef; o.body && t != nil && t.IsModel() {
		lines = append(lines, "The body is a ["+t.goName+"].")
		if hasDerived(t) && !t.Collection {
			lines = append(lines, "A derived type's value is passed as AsBase["+t.goName+"](derived), sent with its @odata.type.")
		}
	}
	if t := o.resRef; t != nil && t.IsModel() {
		switch o.result {
		case resultJSON:
			lines = append(lines, "It returns a ["+t.goName+"].")
		case resultCollection:
			lines = append(lines, "It yields ["+t.goName+"] items.")
		}
	}
	if lines[len(lines)-1] != "" {
		lines = append(lines, "")
	}
	if u := learnURL(o.page); u != "" {
		lines = append(lines, "Reference: "+u, "")
	}
	lines = append(lines, sourcePrefix+sanitize(sourcePath(o.page.File, g.opts.SourceRoot)))
	return lines
}

// method emits one client method; used records the runtime helpers it
// calls.
func (g *pkgGen) method(o *operation, used map[string]bool) jen.Code {
	params := []jen.Code{jen.Id("ctx").Qual("context", "Context")}
	for _, a := range o.args {
		params = append(params, jen.Id(a.goName).Add(a.typ.goType()))
	}
	if o.body {
		params = append(params, jen.Id("body").Add(bodyType(o)))
	}
	if o.content {
		params = append(params, jen.Id("content").Qual("io", "Reader"), jen.Id("contentType").String())
	}
	params = append(params, jen.Id("opts").Op("...").Id("RequestOption"))

	fields := jen.Dict{
		jen.Id("method"): jen.Lit(string(o.op.Method)),
		jen.Id("path"):   g.pathExpr(o, used),
		jen.Id("name"):   jen.Lit(o.name),
	}
	if s := successStatus(o); s != 0 {
		fields[jen.Id("success")] = jen.Lit(s)
	}
	if len(o.fixed) > 0 {
		hd := jen.Dict{}
		for _, h := range o.fixed {
			hd[jen.Lit(h.name)] = jen.Values(jen.Lit(h.value))
		}
		fields[jen.Id("header")] = jen.Qual("net/http", "Header").Values(hd)
	}
	body := []jen.Code{jen.Id("cl").Op(":=").Op("&").Id("call").Values(fields)}
	if o.body {
		// A typed nil (*Event(nil)) in the call's any would not be nil.
		body = append(body, jen.If(jen.Id("body").Op("!=").Nil()).Block(jen.Id("cl").Dot("body").Op("=").Id("body")))
	}
	if o.content {
		used["setContent"] = true
		body = append(body, jen.Id("setContent").Call(jen.Id("cl"), jen.Id("content"), jen.Id("contentType")))
	}
	sendOut := func(out jen.Code) *jen.Statement {
		return jen.Id("c").Dot("send").Call(jen.Id("ctx"), jen.Id("cl"), jen.Id("opts"), out)
	}
	switch {
	case o.result == resultCollection:
		used["pages"] = true
		body = append(body, jen.Return(jen.Id("pages").Index(itemType(o)).Call(jen.Id("ctx"), jen.Id("c"), jen.Id("cl"), jen.Id("opts"))))
	case o.result == resultJSON && o.shape() == shapeModel:
		body = append(body,
			jen.Id("out").Op(":=").New(jen.Id(o.resRef.goName)),
			jen.If(jen.List(jen.Id("_"), jen.Err()).Op(":=").Add(sendOut(jen.Id("out"))), jen.Err().Op("!=").Nil()).Block(
				jen.Return(jen.Nil(), jen.Err()),
			),
			jen.Return(jen.Id("out"), jen.Nil()),
		)
	case o.result == resultJSON && o.shape() == shapeValue:
		used["primitiveResult"] = true
		body = append(body,
			jen.Var().Id("out").Add(itemType(o)),
			jen.List(jen.Id("_"), jen.Err()).Op(":=").Add(sendOut(jen.Op("&").Id("primitiveResult").Values(jen.Op("&").Id("out")))),
			jen.Return(jen.Id("out"), jen.Err()),
		)
	case o.result == resultBytes:
		used["stream"] = true
		body = append(body, jen.Return(jen.Id("c").Dot("stream").Call(jen.Id("ctx"), jen.Id("cl"), jen.Id("opts"))))
	case o.result == resultJSON:
		body = append(body,
			jen.Var().Id("out").Add(itemType(o)),
			jen.List(jen.Id("_"), jen.Err()).Op(":=").Add(sendOut(jen.Op("&").Id("out"))),
			jen.Return(jen.Id("out"), jen.Err()),
		)
	default:
		body = append(body,
			jen.List(jen.Id("_"), jen.Err()).Op(":=").Add(sendOut(jen.Nil())),
			jen.Return(jen.Err()),
		)
	}
	return comments(g.docLines(o)).Func().Params(jen.Id("c").Op("*").Id("Client")).Id(o.name).
		Params(params...).Params(resultTypes(o)...).Block(body...)
}

// pathExpr is the expression building the request path.
func (g *pkgGen) pathExpr(o *operation, used map[string]bool) jen.Code {
	expr := jen.Null()
	for i, p := range o.pieces {
		if i > 0 {
			expr.Op("+")
		}
		if p.lit != "" {
			expr.Lit(p.lit)
			continue
		}
		a := o.args[p.arg]
		v := a.typ.format(jen.Id(a.goName))
		switch {
		case a.quoted:
			used["odataString"] = true
			expr.Id("odataString").Call(v)
		case a.slashy:
			used["escapeItemPath"] = true
			expr.Id("escapeItemPath").Call(v)
		default:
			used["escapePath"] = true
			expr.Id("escapePath").Call(v)
		}
	}
	return expr
}

// hasDerived reports whether t is a model that derived models emitted with
// it extend (all but entity's, which are every type).
func hasDerived(t *typeRef) bool {
	return t.IsModel() && t.Def.Key != "entity" && len(t.Def.Derived) > 0
}
