package importer

import "errors"

// serverlessFormat reads Serverless Framework files. Stub: replaced by the reader.
type serverlessFormat struct{}

func (serverlessFormat) Name() string                         { return "Serverless Framework" }
func (serverlessFormat) Detect(name string, data []byte) bool { return false }
func (serverlessFormat) Read(name string, data []byte) (*Draft, error) {
	return nil, errors.New("Serverless Framework import is not implemented yet")
}
