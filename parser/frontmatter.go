package parser

import (
	"bytes"
	"regexp"
	"slices"
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
	p.yamlFrontMatter(first+1, end)
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
	fm.Entries = slices.Grow(fm.Entries, len(m.Content)/2) // one per key
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
