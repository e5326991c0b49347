package gen

import (
	"cmp"
	"slices"
	"strconv"

	"github.com/dave/jennifer/jen"
)

// This file emits client_gen_test.go: one test per method replaying the
// page's example (or a request built from the path template) against an
// httptest server, plus one error-path test.

const replayToken = "replay-token"

// testFile is the package's emitted tests.
func (g *pkgGen) testFile() *jen.File {
	f := jen.NewFile(g.name)
	f.HeaderComment(header[3:])
	g.testHelpers(f)
	options := map[string]string{}
	for _, h := range g.headerOpts {
		options[h.canon] = h.goName
	}
	for _, o := range g.ops {
		r := buildReplay(o, options)
		src := sanitize(sourcePath(o.page.File, g.opts.SourceRoot))
		var what string
		if r.example != nil {
			what = "Test" + o.name + " replays the example request at " + src + ":" + strconv.Itoa(r.example.Pos.Line) + "."
		} else {
			what = "Test" + o.name + " sends a request built from the path template (" + src + " has no example for it)."
		}
		f.Add(comments([]string{what}).Func().Id("Test" + o.name).Params(jen.Id("t").Op("*").Qual("testing", "T")).Block(
			jen.Id("replay").Call(jen.Id("t"), g.caseValue(o, r), g.caller(o, r)),
		))
	}
	g.errorTest(f, options)
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
		add("result", jen.Id(resultNames[o.result]))
		gr.Line()
	})
}

var resultNames = map[resultKind]string{
	resultNone: "replayNone", resultJSON: "replayJSON", resultBytes: "replayBytes", resultCollection: "replayCollection",
}

// caller is the closure that calls the method with the replayed arguments.
func (g *pkgGen) caller(o *operation, r replay) jen.Code {
	args := []jen.Code{jen.Id("ctx")}
	args = append(args, r.args...)
	if o.body {
		if r.hasBody {
			args = append(args, jen.Qual("encoding/json", "RawMessage").Call(jen.Lit(r.body)))
		} else {
			args = append(args, jen.Nil())
		}
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
	return jen.Func().Params(jen.Id("ctx").Qual("context", "Context"), jen.Id("c").Op("*").Id("Client")).
		Params(jen.Any(), jen.Error()).Block(ret)
}

// errorTest checks, through the first method, that a Graph error document
// reaches the caller as an *Error.
func (g *pkgGen) errorTest(f *jen.File, options map[string]string) {
	const doc = `{"error":{"code":"Request_ResourceNotFound","message":"Resource 'x' does not exist.",` +
		`"innerError":{"request-id":"req-1","client-request-id":"client-1","date":"2021-09-12T10:30:00"}}}`
	var run jen.Code
	if len(g.ops) > 0 {
		o := slices.MinFunc(g.ops, func(a, b *operation) int { return cmp.Compare(a.name, b.name) })
		run = g.caller(o, templateReplay(o))
	} else {
		run = jen.Func().Params(jen.Id("ctx").Qual("context", "Context"), jen.Id("c").Op("*").Id("Client")).
			Params(jen.Any(), jen.Error()).Block(
			jen.Return(jen.Id("c").Dot("send").Call(jen.Id("ctx"), jen.Op("&").Id("call").Values(jen.Dict{
				jen.Id("method"): jen.Lit("GET"), jen.Id("path"): jen.Lit("/me"),
			}), jen.Nil(), jen.Nil())))
	}
	f.Comment("TestGraphError checks that a Graph error document reaches the caller as an *Error")
	f.Comment("with its status, code, message and request IDs.")
	f.Func().Id("TestGraphError").Params(jen.Id("t").Op("*").Qual("testing", "T")).Block(
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
	)
}

// testHelpers emits replayCase, replay and their helpers.
func (g *pkgGen) testHelpers(f *jen.File) {
	http := func(name string) *jen.Statement { return jen.Qual("net/http", name) }
	t := jen.Id("t")
	tc := func(field string) *jen.Statement { return jen.Id("tc").Dot(field) }

	f.Comment("replayCase is one request a method must send and the response it gets.")
	f.Type().Id("replayCase").Struct(
		jen.Id("method").String().Comment("documented HTTP method"),
		jen.Id("path").String().Comment("escaped path the method must request"),
		jen.Id("query").Map(jen.String()).String().Comment("query parameters, exactly"),
		jen.Id("header").Map(jen.String()).String().Comment("request headers that must be set"),
		jen.Id("body").String().Comment("request body, compared as JSON when it is JSON"),
		jen.Id("status").Int().Comment("response status"),
		jen.Id("respHeader").Map(jen.String()).String(),
		jen.Id("respBody").String(),
		jen.Id("result").Int().Comment("what the method returns: replayNone, replayJSON, ..."),
	)
	f.Const().Defs(
		jen.Id("replayNone").Op("=").Iota(),
		jen.Id("replayJSON"),
		jen.Id("replayBytes"),
		jen.Id("replayCollection"),
	)

	f.Comment("newReplayClient is a client of a test server: a token, no retries, no redirects.")
	f.Func().Id("newReplayClient").Params(jen.Id("url").String()).Op("*").Id("Client").Block(
		jen.Id("hc").Op(":=").Op("&").Add(http("Client")).Values(jen.Dict{
			jen.Id("CheckRedirect"): jen.Func().Params(jen.Op("*").Add(http("Request")), jen.Index().Op("*").Add(http("Request"))).Error().Block(
				jen.Return(http("ErrUseLastResponse")),
			),
		}),
		jen.Return(jen.Id("NewClient").Call(
			jen.Id("WithBaseURL").Call(jen.Id("url")),
			jen.Id("WithHTTPClient").Call(jen.Id("hc")),
			jen.Id("WithTokenSource").Call(jen.Id("StaticToken").Call(jen.Lit(replayToken))),
			jen.Id("WithRetryPolicy").Call(jen.Id("RetryPolicy").Values()),
		)),
	)

	f.Comment("sameBody compares bodies as JSON when both are JSON, else byte for byte")
	f.Comment("(ignoring surrounding white space).")
	f.Func().Id("sameBody").Params(jen.List(jen.Id("got"), jen.Id("want")).Index().Byte()).Bool().Block(
		jen.Var().List(jen.Id("g"), jen.Id("w")).Any(),
		jen.If(jen.Qual("encoding/json", "Unmarshal").Call(jen.Id("got"), jen.Op("&").Id("g")).Op("==").Nil().Op("&&").
			Qual("encoding/json", "Unmarshal").Call(jen.Id("want"), jen.Op("&").Id("w")).Op("==").Nil()).Block(
			jen.Return(jen.Qual("reflect", "DeepEqual").Call(jen.Id("g"), jen.Id("w"))),
		),
		jen.Return(jen.Qual("bytes", "Equal").Call(jen.Qual("bytes", "TrimSpace").Call(jen.Id("got")), jen.Qual("bytes", "TrimSpace").Call(jen.Id("want")))),
	)

	f.Comment("collectReplay drains a collection iterator.")
	f.Func().Id("collectReplay").Params(jen.Id("seq").Qual("iter", "Seq2").Types(jen.Qual("encoding/json", "RawMessage"), jen.Error())).Params(jen.Any(), jen.Error()).Block(
		jen.Id("items").Op(":=").Index().Qual("encoding/json", "RawMessage").Values(),
		jen.For(jen.List(jen.Id("v"), jen.Err()).Op(":=").Range().Id("seq")).Block(
			jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Id("items"), jen.Err())),
			jen.Id("items").Op("=").Append(jen.Id("items"), jen.Id("v")),
		),
		jen.Return(jen.Id("items"), jen.Nil()),
	)

	handler := jen.Func().Params(jen.Id("w").Add(http("ResponseWriter")), jen.Id("r").Op("*").Add(http("Request"))).Block(
		jen.If(jen.Id("r").Dot("Method").Op("!=").Add(tc("method"))).Block(
			t.Clone().Dot("Errorf").Call(jen.Lit("method = %s, want %s"), jen.Id("r").Dot("Method"), tc("method")),
		),
		jen.If(jen.Id("p").Op(":=").Id("r").Dot("URL").Dot("EscapedPath").Call(), jen.Id("p").Op("!=").Add(tc("path"))).Block(
			t.Clone().Dot("Errorf").Call(jen.Lit("path = %s\n      want %s"), jen.Id("p"), tc("path")),
		),
		jen.Id("q").Op(":=").Id("r").Dot("URL").Dot("Query").Call(),
		jen.If(jen.Len(jen.Id("q")).Op("!=").Len(tc("query"))).Block(
			t.Clone().Dot("Errorf").Call(jen.Lit("query = %v, want %v"), jen.Id("q"), tc("query")),
		),
		jen.For(jen.List(jen.Id("k"), jen.Id("v")).Op(":=").Range().Add(tc("query"))).Block(
			jen.If(jen.Id("got").Op(":=").Id("q").Dot("Get").Call(jen.Id("k")), jen.Id("got").Op("!=").Id("v")).Block(
				t.Clone().Dot("Errorf").Call(jen.Lit("query %s = %q, want %q"), jen.Id("k"), jen.Id("got"), jen.Id("v")),
			),
		),
		jen.If(jen.Id("got").Op(":=").Id("r").Dot("Header").Dot("Get").Call(jen.Lit("Authorization")), jen.Id("got").Op("!=").Lit("Bearer "+replayToken)).Block(
			t.Clone().Dot("Errorf").Call(jen.Lit("Authorization = %q"), jen.Id("got")),
		),
		jen.For(jen.List(jen.Id("k"), jen.Id("v")).Op(":=").Range().Add(tc("header"))).Block(
			jen.If(jen.Id("got").Op(":=").Id("r").Dot("Header").Dot("Get").Call(jen.Id("k")), jen.Id("got").Op("!=").Id("v")).Block(
				t.Clone().Dot("Errorf").Call(jen.Lit("header %s = %q, want %q"), jen.Id("k"), jen.Id("got"), jen.Id("v")),
			),
		),
		jen.List(jen.Id("body"), jen.Id("_")).Op(":=").Qual("io", "ReadAll").Call(jen.Id("r").Dot("Body")),
		jen.If(jen.Op("!").Id("sameBody").Call(jen.Id("body"), jen.Index().Byte().Call(tc("body")))).Block(
			t.Clone().Dot("Errorf").Call(jen.Lit("body = %s\n      want %s"), jen.Id("body"), tc("body")),
		),
		jen.For(jen.List(jen.Id("k"), jen.Id("v")).Op(":=").Range().Add(tc("respHeader"))).Block(
			jen.Id("w").Dot("Header").Call().Dot("Set").Call(jen.Id("k"), jen.Id("v")),
		),
		jen.Id("w").Dot("WriteHeader").Call(tc("status")),
		jen.Qual("io", "WriteString").Call(jen.Id("w"), tc("respBody")),
	)

	f.Comment("replay serves tc to the method call run and checks both sides: the request")
	f.Comment("the method sends and the result it returns.")
	f.Func().Id("replay").Params(
		jen.Id("t").Op("*").Qual("testing", "T"),
		jen.Id("tc").Id("replayCase"),
		jen.Id("run").Func().Params(jen.Qual("context", "Context"), jen.Op("*").Id("Client")).Params(jen.Any(), jen.Error()),
	).Block(
		jen.Id("t").Dot("Helper").Call(),
		jen.Id("srv").Op(":=").Qual("net/http/httptest", "NewServer").Call(http("HandlerFunc").Call(handler)),
		jen.Defer().Id("srv").Dot("Close").Call(),
		jen.List(jen.Id("got"), jen.Err()).Op(":=").Id("run").Call(jen.Qual("context", "Background").Call(), jen.Id("newReplayClient").Call(jen.Id("srv").Dot("URL"))),
		jen.If(jen.Err().Op("!=").Nil()).Block(
			t.Clone().Dot("Fatalf").Call(jen.Lit("call failed: %v"), jen.Err()),
		),
		jen.If(tc("status").Op("<").Lit(200).Op("||").Add(tc("status")).Op(">").Lit(299)).Block(
			jen.Return().Comment("a documented non-2xx success (e.g. a redirect) has no result"),
		),
		jen.Id("want").Op(":=").Index().Byte().Call(tc("respBody")),
		jen.Switch(tc("result")).Block(
			jen.Case(jen.Id("replayJSON")).Block(
				jen.If(jen.List(jen.Id("raw"), jen.Id("_")).Op(":=").Id("got").Assert(jen.Qual("encoding/json", "RawMessage")), jen.Op("!").Id("sameBody").Call(jen.Id("raw"), jen.Id("want"))).Block(
					t.Clone().Dot("Errorf").Call(jen.Lit("result = %s\n      want %s"), jen.Id("raw"), jen.Id("want")),
				),
			),
			jen.Case(jen.Id("replayBytes")).Block(
				jen.If(jen.List(jen.Id("raw"), jen.Id("_")).Op(":=").Id("got").Assert(jen.Index().Byte()), jen.Op("!").Qual("bytes", "Equal").Call(jen.Id("raw"), jen.Id("want"))).Block(
					t.Clone().Dot("Errorf").Call(jen.Lit("result = %q, want %q"), jen.Id("raw"), jen.Id("want")),
				),
			),
			jen.Case(jen.Id("replayCollection")).Block(
				jen.Var().Id("page").Struct(jen.Id("Value").Index().Qual("encoding/json", "RawMessage").Tag(map[string]string{"json": "value"})),
				jen.If(jen.Err().Op(":=").Qual("encoding/json", "Unmarshal").Call(jen.Id("want"), jen.Op("&").Id("page")), jen.Err().Op("!=").Nil()).Block(
					t.Clone().Dot("Fatal").Call(jen.Err()),
				),
				jen.List(jen.Id("items"), jen.Id("_")).Op(":=").Id("got").Assert(jen.Index().Qual("encoding/json", "RawMessage")),
				jen.If(jen.Len(jen.Id("items")).Op("!=").Len(jen.Id("page").Dot("Value"))).Block(
					t.Clone().Dot("Fatalf").Call(jen.Lit("%d items, want %d"), jen.Len(jen.Id("items")), jen.Len(jen.Id("page").Dot("Value"))),
				),
				jen.For(jen.List(jen.Id("i"), jen.Id("item")).Op(":=").Range().Id("items")).Block(
					jen.If(jen.Op("!").Id("sameBody").Call(jen.Id("item"), jen.Id("page").Dot("Value").Index(jen.Id("i")))).Block(
						t.Clone().Dot("Errorf").Call(jen.Lit("item %d = %s\n      want %s"), jen.Id("i"), jen.Id("item"), jen.Id("page").Dot("Value").Index(jen.Id("i"))),
					),
				),
			),
		),
	)
}
