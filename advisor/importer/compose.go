package importer

import "errors"

// composeFormat reads Docker Compose files. Stub: replaced by the reader.
type composeFormat struct{}

func (composeFormat) Name() string                         { return "Docker Compose" }
func (composeFormat) Detect(name string, data []byte) bool { return false }
func (composeFormat) Read(name string, data []byte) (*Draft, error) {
	return nil, errors.New("Docker Compose import is not implemented yet")
}
