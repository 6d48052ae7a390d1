//go:build unix

package safeio

import (
	"os"
	"syscall"
)

// Open opens path for reading, following symbolic links, without blocking on a
// named pipe that has no writer (O_NONBLOCK; it changes nothing for regular
// files). Callers check what was opened, as OpenRegular does.
func Open(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
