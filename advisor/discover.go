package advisor

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/hybridadvisor/hybridadvisor/advisor/profile"
	"github.com/hybridadvisor/hybridadvisor/advisor/safeio"
)

// isProfileFile tells whether the YAML file met in a directory walk is a
// hybridadvisor profile (see profile.LooksLikeProfile). Anything it cannot
// decide on (not a regular file, unreadable) counts as one, so that reading it
// reports the problem as before.
func isProfileFile(path string) bool {
	src, err := safeio.ReadRegular(path, profile.MaxFileSize)
	return err != nil || isProfileSource(src)
}

// isProfileSource says whether src is a hybridadvisor profile rather than
// some other YAML (a manifest, a compose file, a workflow).
func isProfileSource(src []byte) bool {
	// Parsing every file twice (here, serially, and again in the workers) cost a 3,000-file
	// batch a fifth of its time. A file that never mentions hybridadvisor/ cannot carry our
	// apiVersion; one whose top-level apiVersion line names us is a profile (the parser then
	// reports whatever else is wrong with it). Only the rest is parsed here.
	if !bytes.Contains(src, []byte("hybridadvisor/")) {
		return false
	}
	if profile.TopLevelAPIVersionLine(src) {
		return true
	}
	return profile.LooksLikeProfile(src)
}

// noProfiles is the error for a directory with no profile under it, saying
// how many of its YAML files were passed over as not profiles.
func noProfiles(dir string, skipped []Skipped) error {
	n := 0
	for _, s := range skipped {
		if s.Reason == NotAProfile && within(dir, s.Path) {
			n++
		}
	}
	if n == 0 {
		return fmt.Errorf("no profiles (*.yaml or *.yml files) under %s", dir)
	}
	return fmt.Errorf("no profiles under %s: %d YAML %s, none with apiVersion: %s at the top", dir, n, plural(n, "file", "files"), profile.APIVersion)
}

func within(dir, path string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
