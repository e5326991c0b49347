package apidiff

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/docs2go/docs2go/parser"
)

// This file reads trees of pages from a folder or from a git revision of
// the repository the command runs in (through `git ls-tree` and
// `git cat-file --batch`, without a checkout), and parses them once:
// a page whose bytes are the same in two trees is parsed once and shared.

// Source is a folder or a git revision to read pages from.
type Source struct {
	// Name is the argument as given.
	Name string
	// Dir is set for a folder; Rev (with the repository's working folder
	// GitDir) for a revision.
	Dir, Rev, GitDir string
}

// OpenSource reads an argument: a folder when one exists by that name,
// else a git revision of the repository at gitDir ("." for the current
// one).
func OpenSource(arg, gitDir string) (Source, error) {
	if st, err := os.Stat(arg); err == nil && st.IsDir() {
		return Source{Name: arg, Dir: arg}, nil
	}
	out, err := git(gitDir, nil, "rev-parse", "--verify", "--quiet", "--end-of-options", arg+"^{tree}")
	if err != nil || len(bytes.TrimSpace(out)) == 0 {
		return Source{}, fmt.Errorf("%s is neither a folder nor a revision of the git repository at %s", arg, gitDir)
	}
	return Source{Name: arg, Rev: arg, GitDir: gitDir}, nil
}

// file is one page's bytes, before parsing.
type file struct {
	path, display string
	// id is the git blob id, "" for a file of a folder.
	id  string
	src []byte
}

// files lists the *.md files of the source under paths (relative to the
// folder, or pathspecs of the revision), sorted by path.
func (s Source) files(paths []string) ([]file, error) {
	if s.Rev != "" {
		return gitFiles(s, paths)
	}
	var out []file
	roots := paths
	if len(roots) == 0 {
		roots = []string{"."}
	}
	for _, r := range roots {
		root := filepath.Join(s.Dir, filepath.FromSlash(r))
		if _, err := os.Stat(root); errors.Is(err, fs.ErrNotExist) {
			continue // a page or folder that one revision does not have
		}
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() || !strings.HasSuffix(d.Name(), ".md") {
				return nil
			}
			rel, err := filepath.Rel(s.Dir, p)
			if err != nil {
				return err
			}
			src, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			out = append(out, file{path: filepath.ToSlash(rel), display: p, src: src})
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	slices.SortFunc(out, func(a, b file) int { return strings.Compare(a.path, b.path) })
	return slices.CompactFunc(out, func(a, b file) bool { return a.path == b.path }), nil
}

func git(dir string, stdin io.Reader, args ...string) ([]byte, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Stdin = stdin
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("git %s: %v: %s", strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
	}
	return out, nil
}

// gitFiles reads the pages of a revision: ls-tree lists the blobs, one
// cat-file --batch process streams them.
func gitFiles(s Source, paths []string) ([]file, error) {
	args := append([]string{"ls-tree", "-r", "-z", "--full-name", s.Rev, "--"}, paths...)
	out, err := git(s.GitDir, nil, args...)
	if err != nil {
		return nil, err
	}
	var files []file
	for _, ent := range bytes.Split(out, []byte{0}) {
		meta, name, ok := bytes.Cut(ent, []byte{'\t'})
		if !ok {
			continue
		}
		f := strings.Fields(string(meta))
		if len(f) != 3 || f[1] != "blob" || !strings.HasSuffix(string(name), ".md") {
			continue
		}
		files = append(files, file{path: string(name), display: s.Rev + ":" + string(name), id: f[2]})
	}
	if len(files) == 0 {
		return nil, nil
	}
	cmd := exec.Command("git", "cat-file", "--batch")
	cmd.Dir = s.GitDir
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	go func() {
		w := bufio.NewWriter(stdin)
		for _, f := range files {
			fmt.Fprintln(w, f.id)
		}
		w.Flush()
		stdin.Close()
	}()
	r := bufio.NewReaderSize(stdout, 1<<16)
	var readErr error
	for i := range files {
		header, err := r.ReadString('\n')
		if err != nil {
			readErr = fmt.Errorf("git cat-file: %v", err)
			break
		}
		f := strings.Fields(header)
		if len(f) != 3 || f[1] != "blob" {
			readErr = fmt.Errorf("git cat-file: %s: %s", files[i].path, strings.TrimSpace(header))
			break
		}
		size, err := strconv.Atoi(f[2])
		if err != nil {
			readErr = fmt.Errorf("git cat-file: %s: bad size", files[i].path)
			break
		}
		buf := make([]byte, size+1) // the blob and its trailing newline
		if _, err := io.ReadFull(r, buf); err != nil {
			readErr = fmt.Errorf("git cat-file: %s: %v", files[i].path, err)
			break
		}
		files[i].src = buf[:size]
	}
	if readErr != nil {
		_ = cmd.Process.Kill()
	}
	if err := cmd.Wait(); err != nil && readErr == nil {
		readErr = fmt.Errorf("git cat-file: %v: %s", err, strings.TrimSpace(stderr.String()))
	}
	if readErr != nil {
		return nil, readErr
	}
	return files, nil
}

// Load reads and parses the trees of sources under paths, on all cores.
// A page whose path and bytes are the same in an earlier tree is not
// parsed again: both trees share its model's contents, each under its own
// file name.
// keepSrc keeps each page's bytes in Doc.Src (drift reads them).
func Load(sources []Source, paths []string, keepSrc bool) ([]*Tree, error) {
	lists := make([][]file, len(sources))
	var errs []error
	for i, s := range sources {
		fs, err := s.files(paths)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", s.Name, err))
		}
		lists[i] = fs
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	// Which file is parsed, and which reuses another's page.
	type job struct {
		f    *file
		page *parser.Page
	}
	var jobs []*job
	refs := make([][]*job, len(sources))
	byPath := map[string][]*job{}
	for i := range lists {
		refs[i] = make([]*job, len(lists[i]))
		for k := range lists[i] {
			f := &lists[i][k]
			var j *job
			for _, prev := range byPath[f.path] {
				if f.id != "" && f.id == prev.f.id || f.id == "" && prev.f.id == "" && bytes.Equal(f.src, prev.f.src) {
					j = prev
					break
				}
			}
			if j == nil {
				j = &job{f: f}
				jobs = append(jobs, j)
				byPath[f.path] = append(byPath[f.path], j)
			}
			refs[i][k] = j
		}
	}
	work := make(chan *job)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(len(jobs), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range work {
				j.page = parser.Parse(j.f.display, j.f.src)
				if !keepSrc {
					j.f.src = nil
				}
			}
		}()
	}
	for _, j := range jobs {
		work <- j
	}
	close(work)
	wg.Wait()
	if !keepSrc {
		for i := range lists {
			for k := range lists[i] {
				lists[i][k].src = nil
			}
		}
	}
	trees := make([]*Tree, len(sources))
	for i, s := range sources {
		t := &Tree{Name: s.Name, Docs: make([]Doc, len(lists[i]))}
		for k, f := range lists[i] {
			page := refs[i][k].page
			if page.File != f.display {
				// A page shared with an earlier tree: the same model under
				// this tree's name (a shallow copy; nothing edits models).
				cp := *page
				cp.File = f.display
				page = &cp
			}
			t.Docs[k] = Doc{Path: f.path, File: f.display, Page: page}
			if keepSrc {
				t.Docs[k].Src = f.src
			}
		}
		trees[i] = t
	}
	return trees, nil
}

// TreeOf makes a tree of pages already parsed, their paths taken
// relative to root (tests and callers holding models).
func TreeOf(name, root string, pages []*parser.Page) *Tree {
	t := &Tree{Name: name}
	for _, p := range pages {
		rel := p.File
		if r, err := filepath.Rel(root, p.File); err == nil {
			rel = r
		}
		t.Docs = append(t.Docs, Doc{Path: path.Clean(filepath.ToSlash(rel)), File: p.File, Page: p})
	}
	slices.SortFunc(t.Docs, func(a, b Doc) int { return strings.Compare(a.Path, b.Path) })
	return t
}
