package parser

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

var frontMatterFence = []byte("---")

// frontMatter reads the YAML header, if any, and returns the offset where
// the markdown body starts. A front matter that is not YAML (machine
// translation sometimes wraps its lines in spans) costs only the metadata:
// it is a warning, and locale, version and kind then come from the path
// and the body, whose API sections are read as on any page.
func (p *pageParser) frontMatter() int {
	src := p.src
	if !bytes.HasPrefix(src, frontMatterFence) {
		return 0
	}
	first := bytes.IndexByte(src, '\n')
	if first < 0 || len(bytes.TrimSpace(src[:first])) != len(frontMatterFence) {
		return 0
	}
	end, bodyStart := -1, 0
	for i := first + 1; i < len(src); {
		j := bytes.IndexByte(src[i:], '\n')
		lineEnd := len(src)
		if j >= 0 {
			lineEnd = i + j
		}
		if bytes.Equal(bytes.TrimRight(src[i:lineEnd], " \t"), frontMatterFence) {
			end, bodyStart = i, min(lineEnd+1, len(src))
			break
		}
		i = lineEnd + 1
	}
	if end < 0 {
		p.diag(CodeFrontMatter, 0, "front matter is not closed by a --- line; page metadata not read, the body is read as markdown")
		return 0
	}
	p.page.FrontMatter.Pos = Pos{Line: 1, Col: 1}
	if !p.simpleFrontMatter(first+1, end) {
		p.yamlFrontMatter(first+1, end)
	}
	return bodyStart
}

// yamlFrontMatter reads the front matter p.src[start:end] with the YAML
// parser.
func (p *pageParser) yamlFrontMatter(start, end int) {
	src := p.src
	fm := &p.page.FrontMatter
	first := start - 1
	var root yaml.Node
	if err := yaml.Unmarshal(src[first+1:end], &root); err != nil {
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		off := first + 1
		// "line N: …" counts from the first line of the YAML.
		if m := yamlErrLine.FindStringSubmatch(msg); m != nil {
			n, _ := strconv.Atoi(m[1])
			off = p.lines.lineStart(p.lines.pos(first+1).Line + n - 1)
			msg = msg[len(m[0]):]
		}
		p.diag(CodeFrontMatter, off, "front matter is not valid YAML: %s; page metadata not read", msg)
		return
	}
	if len(root.Content) == 0 {
		return
	}
	m := root.Content[0]
	if m.Kind != yaml.MappingNode {
		p.diag(CodeFrontMatter, first+1, "front matter is not a mapping of keys to values; page metadata not read")
		return
	}
	fm.End = p.lines.end(end + len(frontMatterFence))
	// yamlLine is the parsed offset of the start of a line of the YAML.
	yamlFirst := p.lines.pos(first + 1).Line
	for i := 0; i+1 < len(m.Content); i += 2 {
		key, val := m.Content[i].Value, m.Content[i+1]
		// The entry runs from its key to the last non-blank line before
		// the next key or the closing fence.
		start := p.lines.lineStart(yamlFirst+m.Content[i].Line-1) + m.Content[i].Column - 1
		stop := end
		if i+2 < len(m.Content) {
			stop = p.lines.lineStart(yamlFirst + m.Content[i+2].Line - 1)
		}
		entryEnd := start + len(bytes.TrimRight(src[start:max(stop, start)], " \t\n"))
		fm.Entries = append(fm.Entries, Field{Key: key, Value: strings.TrimSpace(val.Value), Pos: p.lines.pos(start), End: p.lines.end(entryEnd)})
		value := val.Value
		if val.Kind != yaml.ScalarNode {
			var b strings.Builder
			for _, c := range val.Content {
				if b.Len() > 0 {
					b.WriteString(", ")
				}
				b.WriteString(c.Value)
			}
			value = b.String()
		}
		fm.Entries[len(fm.Entries)-1].Value = strings.TrimSpace(value)
		p.setFrontMatter(key, strings.TrimSpace(value), fm.Entries[len(fm.Entries)-1])
	}
}

// simpleFrontMatter reads front matter written, as nearly every page's is,
// one `key: value` per line with plain or simply quoted scalars, without a
// YAML parser: it yields what yaml.Unmarshal would. Anything else (nested
// values, block scalars, comments, escapes, a repeated key) returns false
// before setting anything, and the YAML parser reads it.
func (p *pageParser) simpleFrontMatter(start, end int) bool {
	type kv struct {
		key, value []byte
		at         int // offset of the line
	}
	var fields [24]kv
	n := 0
	for off := start; off < end; {
		line := p.src[off:end]
		at := off
		if i := bytes.IndexByte(line, '\n'); i >= 0 {
			line = line[:i]
			off += i + 1
		} else {
			off = end
		}
		if len(bytes.TrimRight(line, " ")) == 0 {
			continue
		}
		colon := bytes.IndexByte(line, ':')
		if colon <= 0 || n == len(fields) || !simpleKey(line[:colon]) {
			return false
		}
		rest := line[colon+1:]
		if len(rest) > 0 && rest[0] != ' ' {
			return false
		}
		value, ok := simpleScalar(bytes.Trim(rest, " "))
		if !ok {
			return false
		}
		for _, f := range fields[:n] {
			if bytes.Equal(f.key, line[:colon]) {
				return false
			}
		}
		fields[n] = kv{line[:colon], value, at}
		n++
	}
	fm := &p.page.FrontMatter
	fm.End = p.lines.end(end + len(frontMatterFence))
	for _, f := range fields[:n] {
		line := p.src[f.at:]
		if i := bytes.IndexByte(line, '\n'); i >= 0 {
			line = line[:i]
		}
		key, value := string(f.key), strings.TrimSpace(string(f.value))
		entry := Field{Key: key, Value: value, Pos: p.lines.pos(f.at), End: p.lines.end(f.at + len(bytes.TrimRight(line, " ")))}
		fm.Entries = append(fm.Entries, entry)
		p.setFrontMatter(key, value, entry)
	}
	return true
}

func simpleKey(k []byte) bool {
	for _, c := range k {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-') {
			return false
		}
	}
	return k[0] != '-'
}

// simpleScalar is the value of a plain scalar, or of a quoted one without
// escapes, as YAML reads it; ok is false for anything it does not know.
func simpleScalar(v []byte) (value []byte, ok bool) {
	if len(v) == 0 {
		return v, true
	}
	if bytes.ContainsAny(v, "\t\r") {
		return nil, false
	}
	switch q := v[0]; q {
	case '"', '\'':
		if len(v) < 2 || v[len(v)-1] != q {
			return nil, false
		}
		inner := v[1 : len(v)-1]
		if bytes.IndexByte(inner, q) >= 0 || q == '"' && bytes.IndexByte(inner, '\\') >= 0 {
			return nil, false
		}
		return inner, true
	case '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '%', '@', '`':
		return nil, false
	}
	if bytes.Contains(v, []byte(": ")) || bytes.Contains(v, []byte(" #")) || v[len(v)-1] == ':' {
		return nil, false
	}
	return v, true
}

var yamlErrLine = regexp.MustCompile(`^line (\d+): `)

func (p *pageParser) setFrontMatter(key, value string, entry Field) {
	fm := &p.page.FrontMatter
	switch strings.ToLower(key) {
	case "title":
		fm.Title = value
	case "description":
		fm.Description = value
	case "author":
		fm.Author = value
	case "doc_type":
		fm.DocType = value
		switch value {
		case "apiPageType":
			p.page.Kind = APIPage
		case "resourcePageType", "enumPageType":
			p.page.Kind = ResourcePage
		}
	case "ms.prod":
		fm.Prod = value
	case "ms.contentlocale":
		fm.ContentLocale = value
		p.page.Locale = value
	case "ms.sourcegitcommit":
		fm.SourceGitCommit = value
	case "ms.openlocfilehash":
		fm.OpenLocFileHash = value
	case "ms.translationtype":
		fm.TranslationType = value
	case "ms.lasthandoff":
		fm.LastHandoff = value
	case "ms.locfileid":
		fm.LocFileID = value
	default:
		fm.Other = append(fm.Other, entry)
	}
}
