package importer

import "errors"

// cloudFormationFormat reads CloudFormation files. Stub: replaced by the reader.
type cloudFormationFormat struct{}

func (cloudFormationFormat) Name() string                         { return "CloudFormation" }
func (cloudFormationFormat) Detect(name string, data []byte) bool { return false }
func (cloudFormationFormat) Read(name string, data []byte) (*Draft, error) {
	return nil, errors.New("CloudFormation import is not implemented yet")
}
