package engine

import (
	"errors"
	"fmt"
	"io/fs"

	"github.com/open-policy-agent/opa/v1/loader"

	"github.com/hybridadvisor/hybridadvisor/advisor/located"
	"github.com/hybridadvisor/hybridadvisor/advisor/safeio"
)

// MaxPolicyFileSize caps each file read from the users' policy directories;
// maxPolicyTotal caps them all together. Rego files are a few KB.
const (
	MaxPolicyFileSize = 4 << 20
	maxPolicyTotal    = 64 << 20
)

// checkPolicyFiles looks, before OPA's loader reads them (whole, with
// os.ReadFile), at the files it would read under paths, walking them the way
// it does (following symbolic links; skip is its filter): each must be a
// regular file of at most MaxPolicyFileSize, so that a *.rego linked to
// /dev/zero or a named pipe is refused instead of exhausting memory or hanging.
// A directory that contains itself through a link is refused too (the loader
// would recurse until the path is too long).
func checkPolicyFiles(paths []string, skip loader.Filter) error {
	var total int64
	for _, root := range paths {
		err := safeio.WalkFollow(root, func(p string, info fs.FileInfo, depth int) (bool, error) {
			if skip(p, info, depth) {
				return true, nil
			}
			switch {
			case info.IsDir():
				return false, nil
			case !info.Mode().IsRegular():
				return false, &CompileError{Source: located.Source{File: p}, Message: fmt.Sprintf("not a regular file (%s); policies are read from regular files only", safeio.Kind(info.Mode()))}
			case info.Size() > MaxPolicyFileSize:
				return false, &CompileError{Source: located.Source{File: p}, Message: fmt.Sprintf("larger than %s; a policy file may be at most that", safeio.Size(MaxPolicyFileSize))}
			}
			if total += info.Size(); total > maxPolicyTotal {
				return false, &CompileError{Source: located.Source{File: root}, Message: fmt.Sprintf("the policy files come to more than %s in all", safeio.Size(maxPolicyTotal))}
			}
			return false, nil
		})
		var ce *CompileError
		if errors.As(err, &ce) {
			return ce
		}
		var se *safeio.Error
		if errors.As(err, &se) {
			return &CompileError{Source: located.Source{File: se.Path}, Message: "cannot read policies: " + se.Reason}
		}
		if err != nil {
			return err
		}
	}
	return nil
}
