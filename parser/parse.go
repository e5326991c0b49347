// Package parser reads Microsoft Graph API reference pages, plain or
// side-by-side, into the page model of model.go.
package parser

import (
	"bytes"
	"path"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/docs2go/docs2go/parser/diag"
	"github.com/docs2go/docs2go/parser/sxs"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	gparser "github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// MaxPageSize is the largest page Parse reads. The largest real reference
// page is well under 1 MB; anything bigger is not a page someone wrote, and
// parsing it would only cost memory.
const MaxPageSize = 8 << 20

// maxSpanDiagnostics caps the span-pair diagnostics of one page: a page
// whose spans are broken throughout needs one fix, not a million warnings.
const maxSpanDiagnostics = 500

// markdown is shared: goldmark parsers hold no per-document state, so one
// instance serves every goroutine.
var markdown = goldmark.New(
	goldmark.WithExtensions(extension.Table, sxs.Extension),
	goldmark.WithParserOptions(
		// Just before goldmark's HTML block parser (900).
		gparser.WithBlockParsers(util.Prioritized(commentBlock{}, 895)),
		// Just before goldmark's fenced code block parser (700).
		gparser.WithBlockParsers(util.Prioritized(sizedFence{}, 699)),
		// Just before goldmark's link parser (200).
		gparser.WithInlineParsers(util.Prioritized(plainLink{}, 199)),
		// Just before goldmark's table transformer (200), after its link
		// reference definitions (100).
		gparser.WithParagraphTransformers(util.Prioritized(simpleTable{}, 199)),
	),
)

// Parse reads one page. It never fails: every problem with the input is a
// Diagnostic on the returned page, and whatever could be read is kept.
func Parse(file string, src []byte) *Page {
	return ParseWith(file, src, Options{})
}

// Options are limits on what Parse reads.
type Options struct {
	// MaxSize is the largest page read, in bytes; a bigger one gets a
	// DG0006 error and is not parsed. 0 means MaxPageSize.
	MaxSize int64
}

func (o Options) maxSize() int64 {
	if o.MaxSize <= 0 {
		return MaxPageSize
	}
	return o.MaxSize
}

// ParseWith is Parse with options.
func ParseWith(file string, src []byte, o Options) *Page {
	p := parserPool.Get().(*pageParser)
	p.page, p.maxSize = &Page{File: file, Shape: Plain, Kind: OtherPage}, o.maxSize()
	p.parse(src)
	page := p.page
	p.recycle()
	return page
}

// parserPool keeps page parsers between pages, for their working buffers:
// a page's line table, text buffers and the like then reuse memory an
// earlier page used, rather than cost allocations each time.
var parserPool = sync.Pool{New: func() any { return new(pageParser) }}

// recycle zeroes p but for the working buffers it lists, emptied, and puts
// it back in the pool. Nothing listed here may reach the page: the page
// keeps everything else p made (its strings, texts and pairs) for good.
func (p *pageParser) recycle() {
	clear(p.textWalk.pairs) // they point into the page's tree
	clear(p.halves)         // strings of the page: not kept alive by the pool
	clear(p.exHeadings)
	*p = pageParser{
		lines:      lineTable{starts: p.lines.starts[:0], shifts: p.lines.shifts[:0]},
		scratch:    p.scratch[:0],
		textWalk:   textWalk{local: p.textWalk.local[:0], en: p.textWalk.en[:0], pairs: p.textWalk.pairs[:0]},
		halves:     p.halves[:0],
		exHeadings: p.exHeadings[:0],
		exHeading:  p.exHeading[:0],
	}
	parserPool.Put(p)
}

// TooLarge is the page Parse returns for a file of size bytes over the
// limit, for a caller that checks the size before reading the file.
func TooLarge(file string, size int64, o Options) *Page {
	p := &pageParser{page: &Page{File: file, Shape: Plain, Kind: OtherPage}, maxSize: o.maxSize()}
	p.tooLarge(size)
	return p.page
}

func (p *pageParser) tooLarge(size int64) {
	p.diag(CodeTooLarge, 0, "page is %d bytes, more than the %d-byte limit; not parsed", size, p.maxSize)
}

type pageParser struct {
	page    *Page
	maxSize int64
	src     []byte // the text parsed, after BOM removal and CRLF folding
	lines   lineTable
	// base is the offset of the markdown body (after front matter) in src.
	base int
	sxs  bool
	// pairCount is the number of translation pairs the page has.
	pairCount int
	// englishPlain is true for plain pages in English, whose text is its own
	// English half.
	englishPlain bool

	section    SectionKind
	annotation *Annotation
	intro      bool // before the first level-2 heading
	titleSeen  bool
	enumName   string // the enum an enum-values section documents

	// exHeadings are the page's headings below the title, exHeading the
	// index in it of the heading above each of Page.Examples (-1: none):
	// the structure examples are paired by.
	exHeadings []exampleHeading
	exHeading  []int
	// scratch is plainText's buffer, reused (plainText never nests).
	scratch []byte
	// code is the text of the last code block codeText read.
	code struct {
		lines *text.Segments
		text  string
	}
	// strs holds the page's folded texts; idSlab and pairSlab the IDs
	// and Pairs of its Texts (see carve).
	strs     stringArena
	idSlab   []string
	pairSlab []Pair
	// halves are the texts of the pairs Text.Pairs took, for Page.Pairs.
	halves []pairHalves // by sxs.Pair.N
	// textWalk is text's working state, reused; memo the last node text
	// read and its Text.
	textWalk textWalk
	memo     struct {
		node ast.Node
		text Text
	}
	// prose is the Response section as its prose says it.
	prose Response
	// collectionOfOne is set once DG2008 is reported.
	collectionOfOne bool
}

// diag reports a finding of rule at a parsed-text offset; its range runs
// to the end of that line, so editors and SARIF viewers mark something.
// Offset 0 is the page itself (no title, no status): a point at 1:1.
func (p *pageParser) diag(rule *diag.Rule, offset int, format string, args ...any) {
	if offset <= 0 || offset >= len(p.src) {
		p.diagRange(rule, offset, offset, format, args...)
		return
	}
	end := len(p.src)
	if i := bytes.IndexByte(p.src[offset:], '\n'); i >= 0 {
		end = offset + i
	}
	p.diagRange(rule, offset, end, format, args...)
}

// diagRange reports a finding of rule over the parsed-text range [start, end).
func (p *pageParser) diagRange(rule *diag.Rule, start, end int, format string, args ...any) {
	p.page.Diagnostics = append(p.page.Diagnostics, rule.Diag(p.page.File, p.lines.pos(start), p.lines.endPos(start, end), format, args...))
}

func (p *pageParser) parse(src []byte) {
	if !p.checkInput(src) {
		return
	}
	body := p.frontMatter()
	p.locateFromPath()

	pc := gparser.NewContext()
	doc := markdown.Parser().Parse(text.NewReader(p.src[body:]), gparser.WithContext(pc))
	p.base = body
	p.pairCount = sxs.PairCount(pc)
	p.sxs = p.pairCount > 0
	if p.sxs {
		p.page.Shape = SideBySide
	}
	p.englishPlain = !p.sxs && isEnglish(p.page.Locale)
	problems := sxs.Problems(pc)
	for i, pr := range problems {
		if i == maxSpanDiagnostics {
			p.diag(CodeSpanPair, p.base+pr.Offset, "%d more span problems from here on not reported", len(problems)-i)
			break
		}
		p.diag(CodeSpanPair, p.base+pr.Offset, "%s", pr.Message)
	}
	p.walk(doc)
	p.inlineFacts(doc)
	p.finish()
	// The page model holds strings and values only, never a node: the
	// tree's span nodes can serve the next page.
	sxs.Release(pc)
}

// checkInput reports input that is not a well-formed page and prepares
// p.src. It returns false when there is nothing to parse.
func (p *pageParser) checkInput(src []byte) bool {
	// Diagnostics at offset 0 need no line table.
	switch {
	case len(bytes.TrimSpace(src)) == 0:
		p.diag(CodeEmpty, 0, "empty page")
		return false
	case int64(len(src)) > p.maxSize:
		p.tooLarge(int64(len(src)))
		return false
	}
	// Each of these reads the whole page: a page with no CR (nearly all)
	// is not searched for CRLF or a lone CR again.
	firstCR := bytes.IndexByte(src, '\r')
	nul := bytes.IndexByte(src, 0)
	p.lines = newLineTable(src, p.lines.starts, firstCR >= 0)
	switch {
	case nul >= 0 && nul < 8000:
		p.diag(CodeBinary, nul, "binary file (NUL byte); not parsed")
		return false
	}
	if bytes.HasPrefix(src, []byte("\uFEFF")) {
		p.diag(CodeBOM, 0, "byte order mark at start of file")
		src = src[3:]
		p.lines.shifts = append(p.lines.shifts, shift{at: 0, delta: 3})
		// The BOM holds neither a NUL nor a CR.
		nul, firstCR = max(nul-3, -1), max(firstCR-3, -1)
	}
	// A NUL past the first 8000 bytes (where a binary file shows one) is a
	// damaged text page: reported, and read as U+FFFD as CommonMark says.
	if nul >= 0 {
		p.diag(CodeBinary, nul, "NUL byte in a text page; read as U+FFFD")
	}
	valid := utf8.Valid(src)
	if !valid {
		p.diag(CodeInvalidUTF8, firstInvalidUTF8(src), "invalid UTF-8; invalid bytes are read as U+FFFD")
	}
	crlf, cr := -1, -1
	if firstCR >= 0 {
		crlf = bytes.Index(src[firstCR:], []byte("\r\n"))
		if crlf >= 0 {
			crlf += firstCR
			p.diag(CodeCRLF, crlf, "CRLF line ends; read as LF")
		}
		cr = loneCR(src)
		if cr >= 0 {
			p.diag(CodeCRLF, cr, "CR line ends (a CR without LF); read as LF")
		}
	}
	if !valid || crlf >= 0 || cr >= 0 || nul >= 0 {
		src = p.clean(src)
	}
	p.page.Rewritten = !valid || nul >= 0
	p.src = src
	return true
}

// clean replaces each invalid UTF-8 byte with U+FFFD, CRLF and a lone CR
// with LF,
// recording in the line table where offsets shift, so positions stay those
// of the file.
func (p *pageParser) clean(src []byte) []byte {
	base := 0 // file offset of src[0]
	if len(p.lines.shifts) > 0 {
		base = p.lines.shifts[0].delta
	}
	out := make([]byte, 0, len(src)+len(src)/8)
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == '\r' && i+1 < len(src) && src[i+1] == '\n':
			i++
		case c == '\r':
			// A lone CR ends a line: read as LF, same length, no shift.
			out = append(out, '\n')
			i++
			continue
		case c == 0:
			out = append(out, "\uFFFD"...)
			i++
		case c < utf8.RuneSelf:
			out = append(out, c)
			i++
			continue
		default:
			r, n := utf8.DecodeRune(src[i:])
			if r != utf8.RuneError || n > 1 {
				out = append(out, src[i:i+n]...)
				i += n
				continue
			}
			out = append(out, "\uFFFD"...)
			i++
		}
		// The next byte of out comes from src[i]: record the new delta.
		p.lines.shifts = append(p.lines.shifts, shift{at: len(out), delta: base + i - len(out)})
	}
	return out
}

func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return 0
}

func isEnglish(locale string) bool {
	return locale == "" || strings.HasPrefix(strings.ToLower(locale), "en")
}

// locateFromPath fills locale, version and kind where the front matter did
// not say, from the docs repository layout (…/LOCALE/…/v1.0/api/name.md).
func (p *pageParser) locateFromPath() {
	pg := p.page
	parts := strings.Split(path.Clean(strings.ReplaceAll(pg.File, "\\", "/")), "/")
	for i, part := range parts {
		switch {
		case part == "v1.0" || part == "beta":
			pg.Version = part
		case pg.Locale == "" && isLocaleName(part):
			pg.Locale = part
		case i == len(parts)-2 && pg.Kind == OtherPage && part == "api":
			pg.Kind = APIPage
		case i == len(parts)-2 && pg.Kind == OtherPage && part == "resources":
			pg.Kind = ResourcePage
		}
	}
	if pg.Locale == "" {
		// English pages carry no ms.contentlocale.
		pg.Locale = "en-US"
	}
}

// isLocaleName accepts folder names such as pt-BR, ja-JP, zh-Hans-CN.
func isLocaleName(s string) bool {
	parts := strings.Split(s, "-")
	if len(parts) < 2 || len(parts) > 3 || len(parts[0]) != 2 {
		return false
	}
	for _, r := range parts[0] {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	// The region is two letters, written upper or lower case (pt-BR, pt-br).
	last := parts[len(parts)-1]
	if len(last) != 2 {
		return false
	}
	for _, r := range last {
		if !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z') {
			return false
		}
	}
	return true
}

// finish fills what needs the whole page and reports what is missing.
func (p *pageParser) finish() {
	pg := p.page
	if pg.Kind == OtherPage {
		switch {
		case len(pg.Operations) > 0:
			pg.Kind = APIPage
		case pg.Resource != nil && len(pg.Resource.Properties) > 0:
			pg.Kind = ResourcePage
		}
	}
	if pg.Kind != OtherPage {
		pg.DefinedPermissions = nil
	}
	if pg.Version == "" {
		pg.Version = p.versionFromExamples()
	}
	if !p.titleSeen {
		p.diag(CodeNoTitle, 0, "page has no level-1 title")
	}
	p.finishResponse()
	if pg.Kind == APIPage && len(pg.Operations) == 0 && pg.FrontMatter.DocType != "resourcePageType" {
		p.diag(CodeNoOperations, 0, "API page has no operation in an HTTP request section")
	}
	if pg.Kind == ResourcePage || pg.Resource != nil {
		p.finishResource()
	}
	if pg.Operations == nil {
		pg.Operations = []Operation{}
	}
	if pg.Headers == nil {
		pg.Headers = []Header{}
	}
	if pg.Diagnostics == nil {
		pg.Diagnostics = []Diagnostic{}
	}
	pg.Diagnostics = diag.Sort(pg.Diagnostics)
}

func (p *pageParser) versionFromExamples() string {
	for _, ex := range p.page.Examples {
		if ex.Request == nil {
			continue
		}
		u := ex.Request.URL
		switch {
		case strings.Contains(u, "/beta/"):
			return "beta"
		case strings.Contains(u, "/v1.0/"):
			return "v1.0"
		}
	}
	return ""
}

// walk visits the top-level blocks in order, keeping track of the section.
func (p *pageParser) walk(doc ast.Node) {
	p.intro = true
	p.section = SectionOther
	// A section per heading below the title: room for those at the top
	// level, where nearly all are.
	headings := 0
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if n.Kind() == ast.KindHeading {
			headings++
		}
	}
	if headings > 1 {
		p.page.Sections = make([]Section, 0, headings-1)
		p.exHeadings = slices.Grow(p.exHeadings[:0], headings-1)
	}
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if _, ok := n.(*ast.Heading); !ok {
			p.markContent()
		}
		p.block(n)
	}
	if len(p.page.Sections) == 0 {
		p.page.Sections = nil // as when no heading was appended
	}
}

func (p *pageParser) block(n ast.Node) {
	switch n := n.(type) {
	case *ast.Heading:
		p.heading(n)
	case *ast.HTMLBlock:
		p.htmlBlock(n)
		return // an annotation applies to the code block after it
	case *ast.FencedCodeBlock:
		p.codeBlock(n, string(n.Language(p.body())), n.Lines())
	case *ast.CodeBlock:
		p.codeBlock(n, "", n.Lines())
	case *ast.Paragraph:
		p.paragraph(n)
	case *ast.Blockquote, *ast.List, *ast.ListItem:
		// Notes and lists hold prose, tables and code blocks that count in
		// these sections; elsewhere (the intro's beta warning) they do not.
		if nestedBlockSections[p.section] {
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				p.block(c)
			}
		}
	case *ast.TextBlock:
		p.paragraph(n)
	default:
		if n.Kind() == kindTable {
			p.table(n)
		}
	}
	p.annotation = nil
}

var nestedBlockSections = map[SectionKind]bool{
	SectionResponse: true, SectionRequestBody: true, SectionQuery: true,
	SectionHTTPRequest: true, SectionExamples: true, SectionPermissions: true,
}

// body is the markdown part of the source that goldmark's segments index.
func (p *pageParser) body() []byte { return p.src[p.base:] }

// offsetOf is the absolute source offset where a node starts.
func (p *pageParser) offsetOf(n ast.Node) int {
	if off := n.Pos(); off >= 0 {
		return p.base + off
	}
	if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
		return p.base + n.Lines().At(0).Start
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if off := p.offsetOf(c); off >= 0 {
			return off
		}
	}
	if t, ok := n.(*ast.Text); ok {
		return p.base + t.Segment.Start
	}
	return -1
}

func (p *pageParser) posOf(n ast.Node) Pos {
	off := p.offsetOf(n)
	if off < 0 {
		return Pos{}
	}
	return p.lines.pos(off)
}

// markContent notes that the current section, and the sections it is
// part of up to its level-2 section, hold something besides headings.
func (p *pageParser) markContent() {
	level := 99
	for i := len(p.page.Sections) - 1; i >= 0; i-- {
		s := &p.page.Sections[i]
		if s.Level >= level {
			continue
		}
		s.Content, level = true, s.Level
		if level <= 2 {
			return
		}
	}
}
