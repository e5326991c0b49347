package gen

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"
)

// This file emits client_gen_test.go: one test per method replaying the
// page's example (or a request built from the path template) against an
// httptest server, plus one error-path test.

// replays prepares the emitted test of every method, and the error test's
// call, in name order. Preparing checks examples against the models, which
// resolves types and reports diagnostics: it runs once, in one order, before
// any test file is built.
func (g *pkgGen) replays() (map[*operation]replay, *replay) {
	options := g.optionFuncs()
	out := make(map[*operation]replay, len(g.ops))
	for _, o := range g.ops {
		r := buildReplay(o, options, g.models, g.diags)
		if r.example != nil {
			r.replayed, r.line = true, r.example.Request.Line
		}
		r.example = nil // all a test needs of it is copied
		out[o] = r
	}
	if len(g.ops) == 0 {
		return out, nil
	}
	first := slices.MinFunc(g.ops, func(a, b *operation) int { return cmp.Compare(a.name, b.name) })
	r := templateReplay(first, g.models)
	return out, &r
}

// optionFuncs maps canonical header names to the package's option
// functions.
func (g *pkgGen) optionFuncs() map[string]string {
	options := map[string]string{}
	for _, h := range g.headerOpts {
		options[h.canon] = h.goName
	}
	return options
}

// testFile is the emitted tests of a shard's methods, from their prepared
// replays; the main shard's file also holds the error test (errRun is its
// prepared call, nil when the package has no method).
func (g *pkgGen) testFile(sh shard, replays map[*operation]replay, errRun *replay) *jen.File {
	f := jen.NewFile(g.name)
	f.HeaderComment(header[3:])
	for _, o := range sh.ops {
		r := replays[o]
		src := sanitize(sourcePath(o.page.File, g.opts.SourceRoot))
		what := []string{}
		if r.replayed {
			what = append(what, "Test"+o.name+" replays the example request at "+src+":"+strconv.Itoa(r.line)+".")
			if len(r.notes) > 0 {
				what = append(what, "The example's "+strings.Join(r.notes, " and ")+" did not fit the documented type; one built from the type is used.")
			}
		} else {
			what = append(what, "Test"+o.name+" sends a request built from the path template ("+src+" has no example for it).")
		}
		setup, run := g.caller(o, r)
		f.Add(comments(what).Func().Id("Test" + o.name).Params(jen.Id("t").Op("*").Qual("testing", "T")).Block(
			append(setup, jen.Id("replay").Call(jen.Id("t"), g.caseValue(o, r), run))...,
		))
	}
	if sh.key == "" {
		g.errorTest(f, errRun)
	}
	return f
}

func strMap(m map[string]string) jen.Code {
	if len(m) == 0 {
		return jen.Nil()
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return jen.Map(jen.String()).String().ValuesFunc(func(gr *jen.Group) {
		for _, k := range keys {
			gr.Line().Lit(k).Op(":").Lit(m[k])
		}
		gr.Line()
	})
}

// caseValue is the replayCase literal of a method's test.
func (g *pkgGen) caseValue(o *operation, r replay) jen.Code {
	return jen.Id("replayCase").ValuesFunc(func(gr *jen.Group) {
		add := func(k string, v jen.Code) { gr.Line().Id(k).Op(":").Add(v) }
		add("method", jen.Lit(string(o.op.Method)))
		add("path", jen.Lit(r.wirePath))
		if len(r.query) > 0 {
			add("query", strMap(r.query))
		}
		if len(r.header) > 0 {
			add("header", strMap(r.header))
		}
		if r.hasBody {
			add("body", jen.Lit(r.body))
		}
		add("status", jen.Lit(r.status))
		if len(r.respHeader) > 0 {
			add("respHeader", strMap(r.respHeader))
		}
		if r.respBody != "" {
			add("respBody", jen.Lit(r.respBody))
		}
		add("result", jen.Id(replayResult(o)))
		gr.Line()
	})
}

// replayResult names how the emitted test checks o's result.
func replayResult(o *operation) string {
	switch {
	case o.result == resultNone:
		return "replayNone"
	case o.result == resultBytes:
		return "replayBytes"
	case o.result == resultCollection:
		return "replayCollection"
	}
	switch o.shape() {
	case shapeModel:
		return "replayModel"
	case shapeValue:
		return "replayValue"
	case shapeBytes:
		return "replayBytes"
	}
	return "replayRaw"
}

// caller returns the statements that prepare a method call with the
// replayed arguments (a typed body decoded from the example) and the
// closure that makes it.
func (g *pkgGen) caller(o *operation, r replay) (setup []jen.Code, run jen.Code) {
	args := []jen.Code{jen.Id("ctx")}
	args = append(args, r.args...)
	if o.body {
		t := o.bodyRef
		switch {
		case !r.hasBody:
			args = append(args, jen.Nil())
		case t == nil || t.IsRaw():
			args = append(args, jen.Qual("encoding/json", "RawMessage").Call(jen.Lit(r.body)))
		case t.IsBytes():
			args = append(args, jen.Index().Byte().Call(jen.Lit(r.body)))
		default:
			setup = append(setup, jen.Id("body").Op(":=").Id("replayBody").Index(bodyType(o)).Call(jen.Id("t"), jen.Lit(r.body)))
			args = append(args, jen.Id("body"))
		}
	}
	if o.content {
		args = append(args, jen.Qual("strings", "NewReader").Call(jen.Lit(r.body)), jen.Lit(r.contentType))
	}
	keys := make([]string, 0, len(r.query))
	for k := range r.query {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		args = append(args, jen.Id("WithQuery").Call(jen.Lit(k), jen.Lit(r.query[k])))
	}
	for _, opt := range r.options {
		args = append(args, jen.Id(opt.goName).Call(jen.Lit(opt.value)))
	}
	call := jen.Id("c").Dot(o.name).Call(args...)
	var ret jen.Code
	switch o.result {
	case resultNone:
		ret = jen.Return(jen.Nil(), call)
	case resultCollection:
		ret = jen.Return(jen.Id("collectReplay").Call(call))
	default:
		ret = jen.Return(call)
	}
	return setup, jen.Func().Params(jen.Id("ctx").Qual("context", "Context"), jen.Id("c").Op("*").Id("Client")).
		Params(jen.Any(), jen.Error()).Block(ret)
}

// errorTest checks, through the first method (its call prepared as r; nil
// when the package has none), that a Graph error document reaches the
// caller as an *Error.
func (g *pkgGen) errorTest(f *jen.File, r *replay) {
	const doc = `{"error":{"code":"Request_ResourceNotFound","message":"Resource 'x' does not exist.",` +
		`"innerError":{"request-id":"req-1","client-request-id":"client-1","date":"2021-09-12T10:30:00"}}}`
	var run jen.Code
	var setup []jen.Code
	if r != nil {
		o := slices.MinFunc(g.ops, func(a, b *operation) int { return cmp.Compare(a.name, b.name) })
		setup, run = g.caller(o, *r)
	} else {
		run = jen.Func().Params(jen.Id("ctx").Qual("context", "Context"), jen.Id("c").Op("*").Id("Client")).
			Params(jen.Any(), jen.Error()).Block(
			jen.Return(jen.Id("c").Dot("send").Call(jen.Id("ctx"), jen.Op("&").Id("call").Values(jen.Dict{
				jen.Id("method"): jen.Lit("GET"), jen.Id("path"): jen.Lit("/me"),
			}), jen.Nil(), jen.Nil())))
	}
	f.Comment("TestGraphError checks that a Graph error document reaches the caller as an *Error")
	f.Comment("with its status, code, message and request IDs.")
	f.Func().Id("TestGraphError").Params(jen.Id("t").Op("*").Qual("testing", "T")).Block(append(setup,
		jen.Id("srv").Op(":=").Qual("net/http/httptest", "NewServer").Call(jen.Qual("net/http", "HandlerFunc").Call(
			jen.Func().Params(jen.Id("w").Qual("net/http", "ResponseWriter"), jen.Id("_").Op("*").Qual("net/http", "Request")).Block(
				jen.Id("w").Dot("Header").Call().Dot("Set").Call(jen.Lit("Content-Type"), jen.Lit("application/json")),
				jen.Id("w").Dot("WriteHeader").Call(jen.Qual("net/http", "StatusNotFound")),
				jen.Qual("io", "WriteString").Call(jen.Id("w"), jen.Lit(doc)),
			))),
		jen.Defer().Id("srv").Dot("Close").Call(),
		jen.Id("run").Op(":=").Add(run),
		jen.List(jen.Id("_"), jen.Err()).Op(":=").Id("run").Call(jen.Qual("context", "Background").Call(), jen.Id("newReplayClient").Call(jen.Id("srv").Dot("URL"))),
		jen.Var().Id("e").Op("*").Id("Error"),
		jen.If(jen.Op("!").Qual("errors", "As").Call(jen.Err(), jen.Op("&").Id("e"))).Block(
			jen.Id("t").Dot("Fatalf").Call(jen.Lit("err = %v, want an *Error"), jen.Err()),
		),
		jen.If(jen.Id("e").Dot("StatusCode").Op("!=").Lit(404).Op("||").Id("e").Dot("Code").Op("!=").Lit("Request_ResourceNotFound").
			Op("||").Id("e").Dot("Message").Op("!=").Lit("Resource 'x' does not exist.")).Block(
			jen.Id("t").Dot("Errorf").Call(jen.Lit("error = %d %q %q"), jen.Id("e").Dot("StatusCode"), jen.Id("e").Dot("Code"), jen.Id("e").Dot("Message")),
		),
		jen.If(jen.Id("e").Dot("RequestID").Op("!=").Lit("req-1").Op("||").Id("e").Dot("ClientRequestID").Op("!=").Lit("client-1").
			Op("||").Id("e").Dot("Date").Op("!=").Lit("2021-09-12T10:30:00")).Block(
			jen.Id("t").Dot("Errorf").Call(jen.Lit("request IDs = %q %q %q"), jen.Id("e").Dot("RequestID"), jen.Id("e").Dot("ClientRequestID"), jen.Id("e").Dot("Date")),
		),
	)...)
}
