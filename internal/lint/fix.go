package lint

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"

	"github.com/docs2go/docs2go/parser/diag"
)

// ErrChanged is the error of a page that is no longer what was linted:
// an edit's range does not hold the text it was made for, or the file
// changed between reading and replacing it. Such a page is not written.
var ErrChanged = errors.New("changed since it was read; not fixed (run lint --fix again)")

// ApplyEdits applies edits to a file's bytes. Positions are 1-based lines
// and byte columns of src; an edit that overlaps one already applied, or
// points outside src, is skipped (it is reported again by the next run).
// It returns the new bytes and the number of edits applied, or ErrChanged
// when an edit's range in src does not hold the text the edit was made
// for (the page changed since it was linted).
func ApplyEdits(src []byte, edits []Edit) ([]byte, int, error) {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	offset := func(p diag.Pos) int {
		if p.Line < 1 || p.Line > len(starts) {
			return -1
		}
		o := starts[p.Line-1] + p.Col - 1
		if o < 0 || o > len(src) {
			return -1
		}
		return o
	}
	type span struct {
		start, end int
		text       string
	}
	var spans []span
	for _, e := range edits {
		s, t := offset(e.Start), offset(e.End)
		if s < 0 || t < s {
			if e.Old != "" {
				return nil, 0, ErrChanged
			}
			continue
		}
		if string(src[s:t]) != e.Old {
			return nil, 0, ErrChanged
		}
		spans = append(spans, span{s, t, e.New})
	}
	slices.SortStableFunc(spans, func(a, b span) int { return a.start - b.start })
	var out bytes.Buffer
	last, n := 0, 0
	for _, sp := range spans {
		if sp.start < last {
			continue // overlaps an applied edit
		}
		if sp.start == last && n > 0 && sp.end == sp.start {
			continue // a second insertion at one place
		}
		out.Write(src[last:sp.start])
		out.WriteString(sp.text)
		last = sp.end
		n++
	}
	out.Write(src[last:])
	return out.Bytes(), n, nil
}

// Writing fixed pages.
//
// Each page is replaced whole: its new bytes go to a temporary file beside
// it (TempPattern), written and synced to disk, which is then renamed over
// the page, and the page's folder is synced. All temporary files are
// written first and renamed only when every one is on disk, so a run killed
// at any moment leaves each page either exactly as it was or entirely
// fixed, plus at most some temporary files that the next --fix run
// removes (RemoveStale). Nothing is written through a symbolic link, and a
// page that changed on disk since it was read is left as it is.

// TempPattern is the name of the temporary files fixes are written to,
// as os.CreateTemp and filepath.Match take it.
const TempPattern = ".docs2go-fix-*"

// PageFix is one page to replace: Old is what was read (and linted), New
// what replaces it.
type PageFix struct {
	File     string
	Old, New []byte
}

// ReadPage reads a page to fix. It refuses a page that is not a regular
// file, a symbolic link above all: the fix would be written beside the
// link, replacing it, or through it, to a file outside the linted tree.
func ReadPage(file string) ([]byte, fs.FileMode, error) {
	fi, err := os.Lstat(file)
	if err != nil {
		return nil, 0, err
	}
	if err := regular(file, fi); err != nil {
		return nil, 0, err
	}
	src, err := os.ReadFile(file)
	return src, fi.Mode().Perm(), err
}

func regular(file string, fi fs.FileInfo) error {
	switch {
	case fi.Mode()&fs.ModeSymlink != 0:
		return fmt.Errorf("%s is a symbolic link; lint --fix does not write through links (run it on the file the link points to)", file)
	case !fi.Mode().IsRegular():
		return fmt.Errorf("%s is not a regular file; lint --fix does not rewrite it", file)
	}
	return nil
}

// WriteFixes replaces each page as described above. It returns one error
// per fix (nil when the page was replaced); a page that changed since it
// was read gets an error wrapping ErrChanged. The temporary files of the
// pages not replaced are removed.
func WriteFixes(fixes []PageFix) []error {
	errs := make([]error, len(fixes))
	tmps := make([]string, len(fixes))
	defer func() {
		for _, t := range tmps {
			if t != "" {
				os.Remove(t)
			}
		}
	}()
	// Stage: every page's new bytes on disk beside it.
	for i, f := range fixes {
		tmps[i], errs[i] = stage(f)
	}
	// Switch: each staged page over its page, if the page is still what
	// was read.
	dirs := map[string]bool{}
	var order []string
	for i, f := range fixes {
		if errs[i] != nil {
			continue
		}
		if err := unchanged(f); err != nil {
			errs[i] = err
			continue
		}
		if err := os.Rename(tmps[i], f.File); err != nil {
			errs[i] = err
			continue
		}
		tmps[i] = ""
		if d := filepath.Dir(f.File); !dirs[d] {
			dirs[d] = true
			order = append(order, d)
		}
	}
	// The renames on disk too.
	for _, d := range order {
		if err := syncDir(d); err != nil {
			for i, f := range fixes {
				if errs[i] == nil && filepath.Dir(f.File) == d {
					errs[i] = fmt.Errorf("%s: syncing its folder: %w", f.File, err)
				}
			}
		}
	}
	return errs
}

// stage writes f.New to a temporary file beside f.File, with the page's
// permissions, synced to disk, and returns its name.
func stage(f PageFix) (string, error) {
	fi, err := os.Lstat(f.File)
	if err != nil {
		return "", err
	}
	if err := regular(f.File, fi); err != nil {
		return "", err
	}
	tmp, err := os.CreateTemp(filepath.Dir(f.File), TempPattern)
	if err != nil {
		return "", err
	}
	name := tmp.Name()
	_, err = tmp.Write(f.New)
	if err == nil {
		err = tmp.Chmod(fi.Mode().Perm())
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(name)
		return "", fmt.Errorf("writing the fix of %s: %w", f.File, err)
	}
	return name, nil
}

// unchanged reports ErrChanged when f.File is no longer the regular file
// holding f.Old. (A change in the moment between this check and the rename
// is not seen; nothing short of a lock held by every editor could.)
func unchanged(f PageFix) error {
	fi, err := os.Lstat(f.File)
	if err != nil {
		return err
	}
	if err := regular(f.File, fi); err != nil {
		return err
	}
	if fi.Size() == int64(len(f.Old)) {
		if now, err := os.ReadFile(f.File); err != nil {
			return err
		} else if bytes.Equal(now, f.Old) {
			return nil
		}
	}
	return fmt.Errorf("%s %w", f.File, ErrChanged)
}

// syncDir makes the renames in dir durable. Windows cannot sync a folder;
// its renames are durable when they return.
func syncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	return err
}

// RemoveStale removes, in each folder of dirs, the temporary files
// (TempPattern, regular files only) that a run stopped before its renames
// left behind, and returns how many it removed.
func RemoveStale(dirs []string) (int, error) {
	n := 0
	var errs []error
	for _, d := range dirs {
		found, _ := filepath.Glob(filepath.Join(d, TempPattern))
		for _, p := range found {
			if fi, err := os.Lstat(p); err != nil || !fi.Mode().IsRegular() {
				continue
			}
			if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
				errs = append(errs, err)
				continue
			}
			n++
		}
	}
	return n, errors.Join(errs...)
}

// WriteFileAtomic replaces file with data through a temporary file in the
// same folder, synced before the rename, so a reader never sees half a
// file; the mode is kept. (For files docs2go owns, such as a baseline;
// pages go through WriteFixes.)
func WriteFileAtomic(file string, data []byte) error {
	mode := os.FileMode(0o644)
	if info, err := os.Stat(file); err == nil {
		mode = info.Mode().Perm()
	}
	tmp, err := os.CreateTemp(filepath.Dir(file), TempPattern)
	if err != nil {
		return err
	}
	name := tmp.Name()
	_, werr := tmp.Write(data)
	if werr == nil {
		werr = tmp.Chmod(mode)
	}
	if werr == nil {
		werr = tmp.Sync()
	}
	if cerr := tmp.Close(); werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Rename(name, file)
	}
	if werr != nil {
		os.Remove(name)
		return werr
	}
	return syncDir(filepath.Dir(file))
}
