package render

import "github.com/hybridadvisor/hybridadvisor/advisor/safetext"

// Clean makes a user-supplied string safe for one line of a terminal or a CI
// log: control characters removed, invisible characters escaped, workflow
// commands defused (safetext.Clean, where the rule is described).
func Clean(s string) string { return safetext.Clean(s) }
