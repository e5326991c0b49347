package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/docs2go/docs2go/gen"
)

// Writing the output folder (gen).
//
// The changes go to a staging copy of the output folder, a hidden sibling
// of it (".NAME.docs2go-*"), which then replaces the folder in one step:
// on Linux an atomic exchange of the two folders (renameat2
// RENAME_EXCHANGE), elsewhere two renames. So a run killed at any moment
// leaves the output folder either exactly as it was or completely
// rewritten, never half written; a staging folder a killed run left behind
// is removed by the next run.
//
// Nothing is written through a symbolic link inside the output folder: a
// change whose path crosses one is refused before anything is written, and
// the staging copy keeps links as links. The output folder itself may be a
// link (the user named it).

// stagingPattern is the name of staging folders beside out.
func stagingPattern(out string) string {
	return "." + filepath.Base(filepath.Clean(out)) + ".docs2go-*"
}

// checkChangePaths refuses a change whose path could leave out: not a
// local slash-separated path, or crossing a symbolic link in out.
func checkChangePaths(out string, changes []gen.Change) error {
	for _, c := range changes {
		rel := c.Path
		if rel == "" || strings.ContainsAny(rel, "\\\x00") || !filepath.IsLocal(filepath.FromSlash(rel)) || filepath.ToSlash(filepath.Clean(filepath.FromSlash(rel))) != rel {
			return fmt.Errorf("refusing to write %q: not a plain path inside the output folder", rel)
		}
		p := out
		for _, part := range strings.Split(rel, "/") {
			p = filepath.Join(p, part)
			fi, err := os.Lstat(p)
			if errors.Is(err, fs.ErrNotExist) {
				break
			}
			if err != nil {
				return err
			}
			if fi.Mode()&fs.ModeSymlink != 0 {
				return fmt.Errorf("%s is a symbolic link; docs2go does not write through links in the output folder", p)
			}
		}
	}
	return nil
}

// commitChanges applies changes to out as described above.
func commitChanges(out string, changes []gen.Change) error {
	parent := filepath.Dir(filepath.Clean(out))
	stale, _ := filepath.Glob(filepath.Join(parent, stagingPattern(out)))
	for _, s := range stale {
		if err := os.RemoveAll(s); err != nil {
			return fmt.Errorf("removing what a stopped run left: %w", err)
		}
	}
	if len(changes) == 0 {
		return nil
	}
	if err := checkChangePaths(out, changes); err != nil {
		return err
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	staging, err := os.MkdirTemp(parent, stagingPattern(out))
	if err != nil {
		return err
	}
	committed := false
	defer func() {
		if !committed {
			os.RemoveAll(staging)
		}
	}()
	mode := fs.FileMode(0o755)
	exists := false
	if fi, err := os.Stat(out); err == nil {
		if !fi.IsDir() {
			return fmt.Errorf("%s is not a folder", out)
		}
		exists, mode = true, fi.Mode().Perm()
		if err := copyFolder(out, staging); err != nil {
			return fmt.Errorf("copying %s: %w", out, err)
		}
	}
	for _, c := range changes {
		if err := applyChange(staging, c); err != nil {
			return err
		}
	}
	if err := os.Chmod(staging, mode); err != nil {
		return err
	}
	if !exists {
		if err := os.Rename(staging, out); err != nil {
			return err
		}
		committed = true
		return nil
	}
	if err := exchange(staging, out); err != nil {
		if !errors.Is(err, errors.ErrUnsupported) {
			return fmt.Errorf("replacing %s: %w", out, err)
		}
		// Two renames: a run killed between them leaves out missing and
		// the new tree in the staging folder.
		old := staging + ".old"
		if err := os.Rename(out, old); err != nil {
			return err
		}
		if err := os.Rename(staging, out); err != nil {
			os.Rename(old, out)
			return err
		}
		committed = true
		return os.RemoveAll(old)
	}
	// staging now holds the previous tree.
	return os.RemoveAll(staging)
}

// copyFolder copies the folder from into the existing folder to, keeping
// symbolic links as links (never following them).
func copyFolder(from, to string) error {
	return filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(from, p)
		if err != nil || rel == "." {
			return err
		}
		dst := filepath.Join(to, rel)
		info, err := d.Info()
		if err != nil {
			return err
		}
		switch {
		case d.IsDir():
			return os.Mkdir(dst, info.Mode().Perm()|0o700)
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			return os.Symlink(target, dst)
		case d.Type().IsRegular():
			return copyFile(p, dst, info.Mode().Perm())
		}
		return fmt.Errorf("%s is not a file, folder or link", p)
	})
}

func copyFile(from, to string, perm fs.FileMode) error {
	src, err := os.Open(from)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		return err
	}
	if _, err := io.Copy(dst, src); err != nil {
		dst.Close()
		return err
	}
	return dst.Close()
}

// applyChange writes or removes one file in the staging folder; a folder
// emptied by a removal goes too.
func applyChange(root string, c gen.Change) error {
	target := filepath.Join(root, filepath.FromSlash(c.Path))
	if c.Remove {
		if err := os.Remove(target); err != nil {
			return err
		}
		os.Remove(filepath.Dir(target)) // only succeeds when the folder is now empty
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		return err
	}
	// O_EXCL after removing: a file in the copy is replaced, never written
	// through.
	if err := os.Remove(target); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	f, err := os.OpenFile(target, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(c.New); err != nil {
		f.Close()
		return fmt.Errorf("writing %s: %w", c.Path, err)
	}
	return f.Close()
}
