package safeio

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// MaxWalkEntries bounds WalkFollow: links to directories can make a small tree
// look exponentially large.
const MaxWalkEntries = 100_000

// WalkFollow visits path and, when it is a directory, everything under it in
// lexical order, following symbolic links as OPA's loader does (os.Stat). fn
// gets each entry's path, its os.Stat info and its depth (0 for path); for a
// directory, skip=true leaves out what is under it. A directory reached again
// through a link inside itself (a loop), an entry that cannot be stat'ed or more
// than MaxWalkEntries entries end the walk with an error.
func WalkFollow(path string, fn func(path string, info fs.FileInfo, depth int) (skip bool, err error)) error {
	n := 0
	var walk func(p string, depth int, ancestors []fs.FileInfo) error
	walk = func(p string, depth int, ancestors []fs.FileInfo) error {
		if n++; n > MaxWalkEntries {
			return &Error{Path: path, Reason: fmt.Sprintf("more than %d files and directories", MaxWalkEntries)}
		}
		info, err := os.Stat(p)
		if err != nil {
			return &Error{Path: p, Reason: reason(err), Err: err}
		}
		skip, err := fn(p, info, depth)
		if err != nil || skip || !info.IsDir() {
			return err
		}
		for _, a := range ancestors {
			if os.SameFile(a, info) {
				return &Error{Path: p, Reason: "a symbolic link loop (the directory contains itself)"}
			}
		}
		entries, err := os.ReadDir(p)
		if err != nil {
			return &Error{Path: p, Reason: reason(err), Err: err}
		}
		ancestors = append(ancestors, info)
		for _, e := range entries {
			if err := walk(filepath.Join(p, e.Name()), depth+1, ancestors); err != nil {
				return err
			}
		}
		return nil
	}
	return walk(path, 0, nil)
}
