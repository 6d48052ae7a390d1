// Package atomicfile writes output files so that a reader sees the old content
// or the new, never a half-written file: data goes to a temporary file beside
// the target, which is synced and then renamed over the target. The temporary
// file and the rename are github.com/google/renameio/v2's; this package adds
// what a command-line tool's outputs need around them.
//
// Every writer of the tool goes through Create (WriteFile is a shortcut), so
// they agree on what a target is:
//   - a symbolic link is followed and its target replaced, so the link survives;
//   - an existing named pipe or device (/dev/null, a FIFO, /dev/stdout) is not
//     replaced but written in place: the data streams into it;
//   - an existing regular file keeps its mode.
//
// Temporary files still in use are tracked, so that RemoveTemps can delete them
// when the process is interrupted.
package atomicfile

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sync"

	"github.com/google/renameio/v2"

	"github.com/hybridadvisor/hybridadvisor/advisor/safeio"
)

// File is an output being written: Commit puts it in place, Abort drops it.
type File struct {
	path   string // as given
	target string // where the data goes: symbolic links resolved
	perm   fs.FileMode
	tmp    *renameio.PendingFile // for a regular target
	direct *os.File              // for a pipe or device, written in place
}

// Create starts writing path. A new file gets perm; an existing one keeps its
// mode. The directory must exist.
func Create(path string, perm fs.FileMode) (*File, error) {
	target, err := safeio.Resolve(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	f := &File{path: path, target: target, perm: perm}
	info, err := os.Stat(target)
	switch {
	case err == nil && info.IsDir():
		return nil, fmt.Errorf("%s is a directory", path)
	case err == nil && (!info.Mode().IsRegular() || safeio.IsFDLink(target)):
		// A pipe or device (or a descriptor of /proc, which /dev/stdout leads
		// to) is written in place: renaming a file over it would replace it.
		// Opening a pipe waits for its reader, as any writer does.
		flag := os.O_WRONLY
		if info.Mode().IsRegular() {
			flag |= os.O_APPEND // stdout redirected to a file: after what is there
		}
		fh, err := os.OpenFile(target, flag, 0)
		if err != nil {
			return nil, err
		}
		f.direct = fh
		return f, nil
	case err == nil:
		f.perm = info.Mode().Perm()
	case !errors.Is(err, fs.ErrNotExist):
		return nil, err
	}
	dir := filepath.Dir(target)
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return nil, fmt.Errorf("directory %s does not exist", filepath.Dir(path))
	}
	tmp, err := createTemp(dir, target, f.perm)
	if err != nil {
		return nil, err
	}
	f.tmp = tmp
	return f, nil
}

// Target is where the data goes (symbolic links resolved).
func (f *File) Target() string { return f.target }

// InPlace reports whether the target is a pipe or device written directly.
func (f *File) InPlace() bool { return f.direct != nil }

// Write writes to the temporary file, or to the pipe or device.
func (f *File) Write(p []byte) (int, error) {
	switch {
	case f.direct != nil:
		return f.direct.Write(p)
	case f.tmp != nil:
		return f.tmp.Write(p)
	}
	return 0, os.ErrClosed
}

// Commit syncs the temporary file and renames it over the target (a pipe or
// device is only closed). After an error the temporary file is gone.
func (f *File) Commit() error {
	if f.direct != nil {
		err := f.direct.Close()
		f.direct = nil
		return err
	}
	tmp := f.tmp
	if tmp == nil {
		return os.ErrClosed
	}
	f.tmp = nil
	// Synced here, outside the lock RemoveTemps takes; renameio syncs again
	// before the rename, which then has nothing left to write.
	err := tmp.Sync()
	if err == nil {
		err = replace(tmp)
	}
	if err != nil {
		release(tmp)
	}
	return err
}

// Abort drops what was written; the target is left as it was. It may be called
// after Commit, and more than once.
func (f *File) Abort() {
	if f.direct != nil {
		f.direct.Close()
		f.direct = nil
	}
	if f.tmp != nil {
		release(f.tmp)
		f.tmp = nil
	}
}

// WriteFile replaces path with data atomically (see Create).
func WriteFile(path string, data []byte, perm fs.FileMode) error {
	f, err := Create(path, perm)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Abort()
		return err
	}
	return f.Commit()
}

// live holds the temporary files not yet renamed or removed. Once RemoveTemps
// has run, no temporary file is created or renamed any more.
var live = struct {
	sync.Mutex
	names   map[string]struct{}
	stopped bool
}{names: map[string]struct{}{}}

// ErrStopped is returned by writes attempted after RemoveTemps.
var ErrStopped = errors.New("interrupted: output not written")

// createTemp starts a temporary file for target in dir (target's own directory:
// renameio would otherwise pick $TMPDIR when it is on the same file system),
// with exactly perm, the umask not applied, as the target will have.
func createTemp(dir, target string, perm fs.FileMode) (*renameio.PendingFile, error) {
	live.Lock()
	defer live.Unlock()
	if live.stopped {
		return nil, ErrStopped
	}
	tmp, err := renameio.NewPendingFile(target, renameio.WithTempDir(dir), renameio.WithStaticPermissions(perm))
	if err != nil {
		return nil, err
	}
	live.names[tmp.Name()] = struct{}{}
	return tmp, nil
}

// replace renames tmp over its target, unless RemoveTemps has run.
func replace(tmp *renameio.PendingFile) error {
	live.Lock()
	defer live.Unlock()
	if live.stopped {
		return ErrStopped
	}
	if err := tmp.CloseAtomicallyReplace(); err != nil {
		return err
	}
	delete(live.names, tmp.Name())
	return nil
}

// release closes and removes a temporary file that will not be renamed.
func release(tmp *renameio.PendingFile) {
	live.Lock()
	defer live.Unlock()
	tmp.Cleanup()
	delete(live.names, tmp.Name())
}

// RemoveTemps deletes every temporary file still in use and stops any further
// one from being created or renamed into place: call it when the process is
// interrupted, just before it exits. It returns how many it removed.
func RemoveTemps() int {
	live.Lock()
	defer live.Unlock()
	live.stopped = true
	n := 0
	for name := range live.names {
		if os.Remove(name) == nil {
			n++
		}
		delete(live.names, name)
	}
	return n
}

// Temps lists the temporary files in use (for tests).
func Temps() []string {
	live.Lock()
	defer live.Unlock()
	return slices.Collect(maps.Keys(live.names))
}
