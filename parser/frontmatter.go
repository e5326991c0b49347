package parser

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

var frontMatterFence = []byte("---")

// frontMatter reads the YAML header, if any, and returns the offset where
// the markdown body starts.
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
		p.diag(CodeFrontMatter, Error, 0, "front matter is not closed by a --- line")
		return 0
	}
	fm := &p.page.FrontMatter
	fm.Pos = Pos{Line: 1, Col: 1}
	if fields, ok := simpleFrontMatter(src[first+1 : end]); ok {
		for _, f := range fields {
			p.setFrontMatter(f.Key, strings.TrimSpace(f.Value))
		}
		return bodyStart
	}
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
		p.diag(CodeFrontMatter, Error, off, "front matter is not valid YAML: %s", msg)
		return bodyStart
	}
	if len(root.Content) == 0 {
		return bodyStart
	}
	m := root.Content[0]
	if m.Kind != yaml.MappingNode {
		p.diag(CodeFrontMatter, Error, first+1, "front matter is not a mapping of keys to values")
		return bodyStart
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		key, val := m.Content[i].Value, m.Content[i+1]
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
		p.setFrontMatter(key, strings.TrimSpace(value))
	}
	return bodyStart
}

var yamlErrLine = regexp.MustCompile(`^line (\d+): `)

// simpleFrontMatter reads the front matter every real page has, one
// `key: value` per line with plain or simply quoted values, without the
// cost of a YAML parser. It returns false for anything else (nesting,
// lists, escapes, comments, indicators, repeated keys), which then goes to
// the YAML parser; where it returns true, it agrees with the YAML parser.
func simpleFrontMatter(b []byte) ([]Field, bool) {
	var fields []Field
	for len(b) > 0 {
		line := b
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			line, b = b[:i], b[i+1:]
		} else {
			b = nil
		}
		if len(bytes.Trim(line, " ")) == 0 {
			continue
		}
		colon := bytes.Index(line, []byte(": "))
		if colon <= 0 || !isSimpleKey(line[:colon]) {
			return nil, false
		}
		value, ok := simpleValue(bytes.Trim(line[colon+2:], " "))
		if !ok {
			return nil, false
		}
		key := string(line[:colon])
		for _, f := range fields {
			if f.Key == key {
				return nil, false // YAML rejects repeated keys
			}
		}
		fields = append(fields, Field{Key: key, Value: value})
	}
	return fields, len(fields) > 0
}

func isSimpleKey(k []byte) bool {
	for _, c := range k {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-') {
			return false
		}
	}
	return k[0] != '-' && k[0] != '.'
}

// simpleValue reads a plain scalar, or a quoted one without escapes.
func simpleValue(v []byte) (string, bool) {
	if len(v) == 0 || !yamlPrintable(v) {
		return "", false
	}
	switch q := v[0]; q {
	case '"', '\'':
		if len(v) < 2 || v[len(v)-1] != q {
			return "", false
		}
		inner := v[1 : len(v)-1]
		if bytes.IndexByte(inner, q) >= 0 || bytes.IndexByte(inner, '\\') >= 0 {
			return "", false
		}
		return string(inner), true
	}
	if bytes.IndexByte([]byte("-?:,[]{}#&*!|>'\"%@`"), v[0]) >= 0 ||
		bytes.Contains(v, []byte(": ")) || bytes.Contains(v, []byte(" #")) || v[len(v)-1] == ':' {
		return "", false
	}
	return string(v), true
}

// yamlPrintable accepts the characters YAML allows unescaped, less tabs.
func yamlPrintable(v []byte) bool {
	for _, r := range string(v) {
		switch {
		case r >= 0x20 && r <= 0x7e:
		case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f, r == 0xfeff, r == 0xfffe, r == 0xffff, r == utf8.RuneError:
			return false
		}
	}
	return true
}

func (p *pageParser) setFrontMatter(key, value string) {
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
		fm.Other = append(fm.Other, Field{Key: key, Value: value})
	}
}
