package gen

import (
	"cmp"
	"strings"

	"github.com/docs2go/docs2go/parser"
	"github.com/docs2go/docs2go/parser/diag"
	"github.com/docs2go/docs2go/parser/schema"
)

// This file is the one list of what Generate (and Removals) read of a page
// beyond what parser/schema reads (schema.Keep).
// A caller that streams many pages keeps Keep(p) of each for Generate
// instead of the whole page: sections, translation pairs, links, front
// matter and table cells are most of a page's memory (about 200 MB for the
// 11,214 pt-BR pages), and generation reads none of them.
// TestKeepGeneratesTheSame checks that nothing generation reads is left out.

// Keep returns the part of p that Generate and Removals read: what the
// models read (schema.Keep: the page's resource, enums and description)
// and what the operations read, as a new page whose strings are copies, so
// that a kept page never pins the whole page's memory. Generate gives the
// same result for Keep(p) as for p. Nil stays nil.
func Keep(p *parser.Page) *parser.Page {
	if p == nil {
		return nil
	}
	// schema.Keep already copies its strings; the enums' and properties'
	// descriptions are trimmed further to the one text generation reads.
	k := schema.Keep(p)
	k.Enums = keepAll(k.Enums, keepEnum)
	if r := k.Resource; r != nil {
		r.Properties = keepAll(r.Properties, keepParameter)
		r.Relationships = keepAll(r.Relationships, keepParameter)
	}
	k.Locale = c(p.Locale)
	k.Shape = p.Shape
	k.TitlePos = p.TitlePos
	k.Operations = keepAll(p.Operations, keepOperation)
	k.Permissions = keepPermissions(p.Permissions)
	k.Headers = keepAll(p.Headers, keepHeader)
	k.FunctionParameters = keepAll(p.FunctionParameters, keepParameter)
	k.RequestBody = keepRequestBody(p.RequestBody)
	k.Examples = keepAll(p.Examples, keepExample)
	// Errors decide whether the page is usable; Damaged also reads the two
	// request-line findings.
	for _, d := range p.Diagnostics {
		if d.Severity == diag.Error || d.Code == parser.CodeBadRequestLine.ID || d.Code == parser.CodeNoOperations.ID {
			k.Diagnostics = append(k.Diagnostics, diag.Diagnostic{
				Code: c(d.Code), Severity: d.Severity, File: c(d.File), Pos: d.Pos, End: d.End, Message: c(d.Message),
			})
		}
	}
	return k
}

// c copies a string, so that what is kept does not hold the page's memory.
func c(s string) string { return strings.Clone(s) }

func keepAll[T any](list []T, keep func(T) T) []T {
	if list == nil {
		return nil
	}
	out := make([]T, len(list))
	for i, x := range list {
		out[i] = keep(x)
	}
	return out
}

func keepStrings(list []string) []string { return keepAll(list, c) }

// keepText keeps a text's two languages, not its translation pairs.
func keepText(t parser.Text) parser.Text { return parser.Text{Text: c(t.Text), En: c(t.En)} }

// keepDoc keeps the one text generation reads of a parameter's or an enum
// member's description: the English one, else the page's (docText here
// and in parser/schema).
func keepDoc(t parser.Text) parser.Text { return parser.Text{En: c(cmp.Or(t.En, t.Text))} }

func keepTypeRef(t parser.TypeRef) parser.TypeRef {
	return parser.TypeRef{Name: c(t.Name), Link: c(t.Link), Collection: t.Collection, Written: c(t.Written), Pos: t.Pos, End: t.End}
}

func keepTypeRefPtr(t *parser.TypeRef) *parser.TypeRef {
	if t == nil {
		return nil
	}
	k := keepTypeRef(*t)
	return &k
}

func keepParameter(p parser.Parameter) parser.Parameter {
	return parser.Parameter{
		Name: c(p.Name), Type: keepTypeRef(p.Type), Description: keepDoc(p.Description),
		Required: p.Required, Optional: p.Optional, ReadOnly: p.ReadOnly, Nullable: p.Nullable,
		Values: keepStrings(p.Values), Pos: p.Pos, End: p.End,
	}
}

func keepHeader(h parser.Header) parser.Header {
	return parser.Header{Name: c(h.Name), Value: keepText(h.Value), Required: h.Required, Pos: h.Pos, End: h.End}
}

func keepPermissions(p parser.Permissions) parser.Permissions {
	return parser.Permissions{
		DelegatedWork:     keepStrings(p.DelegatedWork),
		DelegatedPersonal: keepStrings(p.DelegatedPersonal),
		Application:       keepStrings(p.Application),
	}
}

func keepRequestBody(b parser.RequestBody) parser.RequestBody {
	return parser.RequestBody{Kind: b.Kind, Parameters: keepAll(b.Parameters, keepParameter), Resource: keepTypeRefPtr(b.Resource), Pos: b.Pos}
}

func keepResponse(r parser.Response) parser.Response {
	return parser.Response{Status: r.Status, Type: keepTypeRefPtr(r.Type), Collection: r.Collection, Pos: r.Pos}
}

func keepHeaderLine(h parser.HeaderLine) parser.HeaderLine {
	return parser.HeaderLine{Name: c(h.Name), Value: c(h.Value), Pos: h.Pos, End: h.End}
}

func keepRequest(r *parser.HTTPRequest) *parser.HTTPRequest {
	if r == nil {
		return nil
	}
	return &parser.HTTPRequest{
		Method: parser.Method(c(string(r.Method))), Path: c(r.Path), Query: c(r.Query), Pos: r.Pos, End: r.End,
		Headers: keepAll(r.Headers, keepHeaderLine), Body: c(r.Body),
	}
}

func keepReply(r *parser.HTTPResponse) *parser.HTTPResponse {
	if r == nil {
		return nil
	}
	return &parser.HTTPResponse{Status: r.Status, Pos: r.Pos, End: r.End, Headers: keepAll(r.Headers, keepHeaderLine), Body: c(r.Body)}
}

// keepExample keeps a page example's request headers only (a required
// header's concrete value is read from them); operations keep their own
// examples whole.
func keepExample(e parser.Example) parser.Example {
	k := parser.Example{Pos: e.Pos, End: e.End}
	if e.Request != nil {
		k.Request = &parser.HTTPRequest{Headers: keepAll(e.Request.Headers, keepHeaderLine)}
	}
	return k
}

func keepPathParam(p *parser.PathParam) *parser.PathParam {
	if p == nil {
		return nil
	}
	return &parser.PathParam{Name: c(p.Name), Alternates: keepStrings(p.Alternates), Quoted: p.Quoted, Arg: c(p.Arg), ItemPath: p.ItemPath}
}

func keepOperation(op parser.Operation) parser.Operation {
	// A placeholder is one PathParam that Segment, Piece and FunctionArg
	// point to; the copy keeps that sharing.
	params := map[*parser.PathParam]*parser.PathParam{}
	param := func(p *parser.PathParam) *parser.PathParam {
		if p == nil {
			return nil
		}
		if k, ok := params[p]; ok {
			return k
		}
		k := keepPathParam(p)
		params[p] = k
		return k
	}
	k := parser.Operation{
		Method: parser.Method(c(string(op.Method))), Path: c(op.Path), Query: c(op.Query), Pos: op.Pos, End: op.End,
		FunctionParameters: keepAll(op.FunctionParameters, keepParameter),
		Response:           keepResponse(op.Response),
	}
	k.Segments = keepAll(op.Segments, func(s parser.Segment) parser.Segment {
		return parser.Segment{
			Literal: c(s.Literal), Param: param(s.Param), Call: s.Call,
			Args: keepAll(s.Args, func(a parser.FunctionArg) parser.FunctionArg {
				return parser.FunctionArg{Name: c(a.Name), Param: param(a.Param), Value: c(a.Value)}
			}),
			Pieces: keepAll(s.Pieces, func(p parser.Piece) parser.Piece { return parser.Piece{Text: c(p.Text), Param: param(p.Param)} }),
		}
	})
	k.Examples = keepAll(op.Examples, func(e parser.ExamplePair) parser.ExamplePair {
		return parser.ExamplePair{Request: keepRequest(e.Request), Response: keepReply(e.Response), Args: keepStrings(e.Args)}
	})
	return k
}

func keepEnum(e parser.Enum) parser.Enum {
	return parser.Enum{Name: c(e.Name), Pos: e.Pos, Members: keepAll(e.Members, func(m parser.EnumMember) parser.EnumMember {
		return parser.EnumMember{Name: c(m.Name), Value: c(m.Value), Description: keepDoc(m.Description), Pos: m.Pos, End: m.End}
	})}
}
