package parser_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
)

// requestLine is "METHOD target" as the oracle reads it.
var requestLine = regexp.MustCompile(`^\s*(GET|POST|PUT|PATCH|DELETE)\s+(\S.*?)\s*$`)

// headingLine is an ATX heading with its level and text.
var headingLine = regexp.MustCompile(`^(#{1,6})\s+(.*?)\s*#*\s*$`)

// writtenRequests is an independent reading of a page's HTTP request
// blocks, from the markdown as text: every "METHOD target" line of a fenced
// code block that stands under a heading saying "HTTP request" (any level,
// any suffix: "HTTP request (to upload a new file)"), up to the next
// heading of that level or above, outside the examples (where "### HTTP
// request" titles an example) and HTML comments. It returns "METHOD /path" with host,
// version and query removed.
func writtenRequests(src string) []string {
	var out []string
	section := 0 // level of the open HTTP request heading, 0: none
	fence := ""
	examples, comment := false, false
	for _, line := range strings.Split(src, "\n") {
		line = strings.TrimRight(line, "\r")
		trimmed := strings.TrimSpace(line)
		if comment {
			comment = !strings.Contains(line, "-->")
			continue
		}
		if fence == "" && strings.HasPrefix(trimmed, "<!--") && !strings.Contains(trimmed, "-->") {
			comment = true
			continue
		}
		if fence != "" {
			if strings.HasPrefix(trimmed, fence) && strings.Trim(trimmed, fence[:1]) == "" {
				fence = ""
				continue
			}
			if section > 0 {
				if m := requestLine.FindStringSubmatch(line); m != nil {
					out = append(out, m[1]+" "+oraclePath(m[2]))
				}
			}
			continue
		}
		if strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~") {
			fence = trimmed[:3]
			continue
		}
		m := headingLine.FindStringSubmatch(line)
		if m == nil || strings.Contains(m[2], "(#tab/") {
			continue
		}
		level := len(m[1])
		text := strings.ToLower(regexp.MustCompile(`<[^>]*>`).ReplaceAllString(m[2], ""))
		if level == 2 {
			examples = strings.HasPrefix(strings.TrimSpace(text), "example")
		}
		switch {
		case strings.HasPrefix(strings.TrimSpace(text), "http request") && !examples:
			section = level
		case section > 0 && level <= section:
			section = 0
		}
	}
	return out
}

// oraclePath removes a host, an API version, a query and a trailing
// "HTTP/1.1" from a request target and gives it a leading "/".
func oraclePath(target string) string {
	if f := strings.Fields(target); len(f) > 1 && strings.HasPrefix(f[len(f)-1], "HTTP/") {
		target = strings.Join(f[:len(f)-1], " ")
	}
	if i := strings.Index(target, "://"); i >= 0 {
		rest := target[i+3:]
		j := strings.IndexByte(rest, '/')
		if j < 0 {
			return "/"
		}
		target = rest[j:]
		for _, v := range []string{"/v1.0", "/beta"} {
			if strings.HasPrefix(target, v+"/") {
				target = target[len(v):]
			}
		}
	}
	depth := 0
	for i, r := range target {
		switch r {
		case '{', '(':
			depth++
		case '}', ')':
			depth--
		case '?':
			if depth == 0 {
				target = target[:i]
			}
		}
		if len(target) <= i {
			break
		}
	}
	target = strings.TrimPrefix(strings.TrimSpace(target), "~")
	if !strings.HasPrefix(target, "/") {
		target = "/" + target
	}
	return target
}

// TestCorpusRequestForms checks that every request form written in any HTTP
// request block of the English pages — each section, heading variant and
// tab — is one of the page's operations.
func TestCorpusRequestForms(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus test skipped in -short mode")
	}
	for _, c := range []struct {
		version string
		want    float64
	}{{"v1.0", 99.9}, {"beta", 99.5}} {
		t.Run(c.version, func(t *testing.T) {
			var pages []string
			for _, p := range corpusPages(t, "en-US") {
				if strings.HasPrefix(p, filepath.Join("api-reference", c.version)+string(filepath.Separator)) {
					pages = append(pages, p)
				}
			}
			type result struct {
				written int
				misses  []string
			}
			results := make([]result, len(pages))
			var wg sync.WaitGroup
			work := make(chan int)
			for range runtime.GOMAXPROCS(0) {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i := range work {
						file := filepath.Join(corpusDir, "en-US", pages[i])
						src, err := os.ReadFile(file)
						if err != nil {
							t.Error(err)
							continue
						}
						page := parseFile(t, file)
						have := map[string]bool{}
						for _, op := range page.Operations {
							have[string(op.Method)+" "+op.Path] = true
						}
						for _, w := range writtenRequests(string(src)) {
							results[i].written++
							if !have[w] {
								results[i].misses = append(results[i].misses, pages[i]+": "+w)
							}
						}
					}
				}()
			}
			for i := range pages {
				work <- i
			}
			close(work)
			wg.Wait()
			written := 0
			var misses []string
			for _, r := range results {
				written += r.written
				misses = append(misses, r.misses...)
			}
			share := 100 * float64(written-len(misses)) / float64(max(written, 1))
			fmt.Printf("request forms en-US %-4s: %.2f%% (%d of %d written request lines are operations)\n", c.version, share, written-len(misses), written)
			for i, m := range misses {
				if i == 20 {
					fmt.Printf("  … and %d more\n", len(misses)-i)
					break
				}
				fmt.Println("  missing " + m)
			}
			if share < c.want {
				t.Errorf("%.2f%% of the request lines of %s are operations, want at least %.1f%%", share, c.version, c.want)
			}
		})
	}
}
