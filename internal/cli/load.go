package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/docs2go/docs2go/parser/diag"

	"github.com/docs2go/docs2go/internal/lint"
	"github.com/docs2go/docs2go/parser"
)

// collectFiles expands PATH arguments: files as given, directories walked
// recursively for *.md, sorted so output order never depends on the file
// system. A path that cannot be read does not stop the others: it is in the
// returned error (errors.Join of one error per path) and every file that
// could be found is returned.
func collectFiles(paths []string) ([]string, error) {
	var files []string
	var errs []error
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if !info.IsDir() {
			files = append(files, p)
			continue
		}
		var found []string
		_ = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				errs = append(errs, err)
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if !d.IsDir() && strings.HasSuffix(d.Name(), ".md") {
				found = append(found, path)
			}
			return nil
		})
		sort.Strings(found)
		files = append(files, found...)
	}
	return files, errors.Join(errs...)
}

// pathErrors lists the errors joined in err, one per path.
func pathErrors(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	if err != nil {
		return []error{err}
	}
	return nil
}

// loaded is one page, or the error that kept it from being read.
type loaded struct {
	file string
	page *parser.Page
	err  error
	// out and diags are what eachPage's render made of the page, on the
	// worker that parsed it; lint what lint's checks found there.
	out, diags []byte
	lint       *lint.PageResult
}

// eachPage reads and parses files on all cores and calls fn with each page
// in the order of files. It holds only a few pages at a time, so memory
// does not grow with the number of files. render, if not nil, runs on the
// worker right after parsing (to encode the page there, or keep what a
// command needs of it, on every core); fn then only uses what it made, in
// order.
func eachPage(files []string, o parser.Options, render func(*loaded), fn func(loaded)) {
	workers := min(runtime.GOMAXPROCS(0), max(len(files), 1))
	results := make([]chan loaded, len(files))
	for i := range results {
		results[i] = make(chan loaded, 1)
	}
	// Pages parsed but not yet handed to fn. A worker takes a place in the
	// window, then the next page: no goroutine hands pages out, so a page
	// costs no wake-up besides, at most, fn's (with a feeder goroutine and
	// a work channel, parse on two cores was 1.65x one core; now ~1.77x).
	// A wider window (32 a worker) was no faster on two cores and slower
	// on one: the pages held longer cost the collector.
	window := make(chan struct{}, 4*workers)
	var next atomic.Int64
	for range workers {
		go func() {
			for {
				window <- struct{}{}
				i := int(next.Add(1) - 1)
				if i >= len(files) {
					<-window
					return
				}
				l := loadPage(files[i], o)
				if render != nil && l.err == nil {
					render(&l)
				}
				results[i] <- l
			}
		}()
	}
	for i := range files {
		fn(<-results[i])
		results[i] = nil
		<-window
	}
}

// loadPage reads and parses one file. A file over the size limit is not
// read at all: its page carries the DG0006 error.
func loadPage(file string, o parser.Options) loaded {
	f, err := os.Open(file)
	if err != nil {
		return loaded{file: file, err: err}
	}
	defer f.Close()
	limit := o.MaxSize
	if limit <= 0 {
		limit = parser.MaxPageSize
	}
	// Read at most one byte past the limit, whatever the file claims.
	src, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return loaded{file: file, err: err}
	}
	if int64(len(src)) > limit {
		size := int64(len(src))
		if st, err := f.Stat(); err == nil && st.Size() > size {
			size = st.Size()
		}
		return loaded{file: file, page: parser.TooLarge(file, size, o)}
	}
	return loaded{file: file, page: parser.ParseWith(file, src, o)}
}

// sizeFlag is a byte count given as 8M, 512K, 1G or plain bytes.
type sizeFlag struct{ n *int64 }

func (f sizeFlag) String() string {
	if f.n == nil || *f.n == 0 {
		return ""
	}
	return strconv.FormatInt(*f.n, 10)
}

func (f sizeFlag) Set(s string) error {
	mult := int64(1)
	switch {
	case strings.HasSuffix(s, "K"), strings.HasSuffix(s, "k"):
		mult, s = 1<<10, s[:len(s)-1]
	case strings.HasSuffix(s, "M"), strings.HasSuffix(s, "m"):
		mult, s = 1<<20, s[:len(s)-1]
	case strings.HasSuffix(s, "G"), strings.HasSuffix(s, "g"):
		mult, s = 1<<30, s[:len(s)-1]
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 || n > (1<<40)/mult {
		return fmt.Errorf("want a positive size such as 8M, 512K or 1000000")
	}
	*f.n = n * mult
	return nil
}

// maxPageSizeFlag adds --max-page-size to a command's flags.
func maxPageSizeFlag(fs *flag.FlagSet, o *parser.Options) {
	fs.Var(sizeFlag{&o.MaxSize}, "max-page-size", "largest page read, e.g. 8M or 512K (default 8M); a bigger page gets error DG0006 and is not parsed")
}

func printDiagnostics(w io.Writer, p *parser.Page) {
	pr := diag.TextPrinter{W: w}
	for _, d := range p.Diagnostics {
		_ = pr.Print(d)
	}
}
