// Package safeio reads files that may be hostile (profiles, config files, price
// overrides, policies from a repository someone else wrote) and resolves the
// paths they name.
//
//   - ReadRegular reads only regular files, never more than a cap, and never
//     blocks on a named pipe: the file is opened without blocking and checked
//     with fstat on the open descriptor, so it cannot be swapped in between.
//   - Resolve says where a path really leads once symbolic links are followed;
//     Within and Confine keep paths a file names inside a directory tree.
//   - WalkFollow walks a tree following symbolic links the way OPA's loader
//     does, detecting loops, so what the loader would read can be checked first.
package safeio

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

var (
	// ErrNotRegular is wrapped by the error for a directory, named pipe, device
	// or socket where a regular file was wanted.
	ErrNotRegular = errors.New("not a regular file")
	// ErrTooLarge is wrapped by the error for a file over the cap.
	ErrTooLarge = errors.New("file too large")
	// ErrOutside is wrapped by Confine's and WalkFollow's errors for a path that
	// leaves its tree.
	ErrOutside = errors.New("outside the allowed directory")
)

// Error is a file that was refused or could not be read: its path and why.
type Error struct {
	Path   string
	Reason string
	Err    error // ErrNotRegular, ErrTooLarge, ErrOutside or the system's error
	// Mode is the type of a file refused with ErrNotRegular, so a caller can
	// word its own message ("is a directory"); 0 otherwise.
	Mode fs.FileMode
}

func (e *Error) Error() string { return e.Path + ": " + e.Reason }
func (e *Error) Unwrap() error { return e.Err }

// Kind names what a file is, for messages: "a directory", "a named pipe"...
func Kind(m fs.FileMode) string {
	switch {
	case m.IsRegular():
		return "a regular file"
	case m.IsDir():
		return "a directory"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a block device"
	}
	return "not a regular file"
}

// Size formats a byte count for messages: "4 MiB", "512 KiB", "100 bytes".
func Size(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// ReadRegular reads the regular file at path (symbolic links are followed),
// refusing anything else and anything larger than max bytes. Errors are *Error
// naming the path and the reason.
func ReadRegular(path string, max int64) ([]byte, error) {
	f, info, err := OpenRegular(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadAtMost(f, path, info.Size(), max)
}

// OpenRegular opens path for reading and checks, on the open descriptor, that it
// is a regular file. It never blocks on a named pipe.
func OpenRegular(path string) (*os.File, fs.FileInfo, error) {
	f, err := Open(path)
	if err != nil {
		return nil, nil, &Error{Path: path, Reason: reason(err), Err: err}
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, &Error{Path: path, Reason: reason(err), Err: err}
	}
	if !info.Mode().IsRegular() {
		f.Close()
		return nil, nil, &Error{Path: path, Reason: "not a regular file (" + Kind(info.Mode()) + ")", Err: ErrNotRegular, Mode: info.Mode().Type()}
	}
	return f, info, nil
}

// ReadAtMost reads r to its end, failing with ErrTooLarge past max bytes; size
// is a hint for the buffer (the file's size when known).
func ReadAtMost(r io.Reader, path string, size, max int64) ([]byte, error) {
	tooLarge := &Error{Path: path, Reason: "larger than " + Size(max), Err: ErrTooLarge}
	if size > max {
		return nil, tooLarge
	}
	var buf bytes.Buffer
	if size > 0 {
		buf.Grow(int(size) + bytes.MinRead)
	}
	// One byte past the cap: the file may have grown since it was sized.
	if _, err := buf.ReadFrom(io.LimitReader(r, max+1)); err != nil {
		return nil, &Error{Path: path, Reason: reason(err), Err: err}
	}
	if int64(buf.Len()) > max {
		return nil, tooLarge
	}
	if buf.Len() == 0 {
		return []byte{}, nil
	}
	return buf.Bytes(), nil
}

// reason is the system's reason without the path it repeats.
func reason(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// maxLinks bounds the symbolic links Resolve follows, as the kernel does.
const maxLinks = 40

// Resolve returns the absolute path a read or a write of path reaches once every
// symbolic link is followed, including the last one even when its target does
// not exist yet (a dangling link: writing would create its target). Directories
// that do not exist are kept as written. A link in /proc/PID/fd (what
// /dev/stdout and /dev/fd/N lead to on Linux) is not followed: its "target" is
// the name of whatever the descriptor holds, not a path to reopen.
func Resolve(path string) (string, error) {
	p, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	for range maxLinks {
		dir, err := realDir(filepath.Dir(p))
		if err != nil {
			return "", err
		}
		p = filepath.Join(dir, filepath.Base(p))
		info, err := os.Lstat(p)
		if errors.Is(err, fs.ErrNotExist) || (err == nil && info.Mode()&fs.ModeSymlink == 0) {
			return p, nil
		}
		if err != nil {
			return "", err
		}
		if IsFDLink(p) {
			return p, nil
		}
		target, err := os.Readlink(p)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(target) {
			target = filepath.Join(dir, target)
		}
		p = filepath.Clean(target)
	}
	return "", &Error{Path: path, Reason: "too many levels of symbolic links"}
}

// realDir resolves the symbolic links of a directory path; the parts that do
// not exist are kept as written.
func realDir(dir string) (string, error) {
	r, err := filepath.EvalSymlinks(dir)
	if err == nil {
		return r, nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return "", err
	}
	parent := filepath.Dir(dir)
	if parent == dir {
		return dir, nil
	}
	rp, err := realDir(parent)
	if err != nil {
		return "", err
	}
	return filepath.Join(rp, filepath.Base(dir)), nil
}

// IsFDLink reports whether p (symbolic links resolved in its directory) is a
// descriptor link of /proc: /proc/PID/fd/N or /proc/PID/task/TID/fd/N.
func IsFDLink(p string) bool {
	parts := strings.Split(filepath.ToSlash(p), "/")
	if len(parts) < 5 || parts[0] != "" || parts[1] != "proc" {
		return false
	}
	return parts[len(parts)-2] == "fd"
}

// Within reports whether p is root or inside it. Both must be absolute and
// resolved (Resolve, filepath.EvalSymlinks) for the answer to mean anything.
func Within(root, p string) bool {
	rel, err := filepath.Rel(root, p)
	if err != nil {
		return false
	}
	return rel == "." || (rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel))
}

// Confine joins name, a path written in a file that lives in dir, to dir and
// checks that it stays inside dir's tree: name may not be absolute, may not
// climb out with "..", and may not lead out through a symbolic link (followed
// as far as they exist). It returns the joined path; errors wrap ErrOutside and
// their Reason is a noun phrase ("an absolute path") for messages.
func Confine(dir, name string) (string, error) {
	outside := func(why string) (string, error) {
		return "", &Error{Path: name, Reason: why, Err: ErrOutside}
	}
	if name == "" {
		return outside("an empty path")
	}
	if filepath.IsAbs(name) || filepath.VolumeName(name) != "" || strings.HasPrefix(filepath.ToSlash(name), "/") {
		return outside("an absolute path")
	}
	clean := filepath.Clean(name)
	if clean == ".." || strings.HasPrefix(clean, ".."+string(filepath.Separator)) {
		return outside("a path climbing out with ..")
	}
	joined := filepath.Join(dir, clean)
	root, err := realDir(dir)
	if err != nil {
		return "", &Error{Path: dir, Reason: reason(err), Err: err}
	}
	real, err := Resolve(joined)
	if err != nil {
		return "", &Error{Path: name, Reason: reason(err), Err: err}
	}
	if !Within(root, real) {
		return outside("a path leading out through a symbolic link")
	}
	return joined, nil
}
