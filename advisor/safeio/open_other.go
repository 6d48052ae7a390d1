//go:build !unix

package safeio

import (
	"fmt"
	"os"
)

// Open opens path for reading, following symbolic links; anything but a regular
// file is refused before it is opened.
func Open(path string) (*os.File, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, &os.PathError{Op: "open", Path: path, Err: fmt.Errorf("not a regular file (%s)", Kind(info.Mode()))}
	}
	return os.Open(path)
}
