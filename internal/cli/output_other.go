//go:build !linux

package cli

import "errors"

// exchange is not available here: commitChanges falls back to two renames.
func exchange(a, b string) error { return errors.ErrUnsupported }
