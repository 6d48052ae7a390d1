package profile

import "github.com/hybridadvisor/hybridadvisor/advisor/located"

// Error is one problem found in a profile file, with where it was found: File
// is the path as given to Parse, Document the 1-based YAML document (0 for the
// whole file), Field the profile path ("components[1].execution.memory_mb").
type Error = located.Error

// Errors is every problem found in one file, sorted by line and column.
type Errors = located.List

// maxErrors caps what one file can report: past this the rest is noise, and a
// hostile file must not make us build millions of messages. The parser stops
// walking once it is reached.
const maxErrors = 100
