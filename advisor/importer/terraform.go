package importer

import "errors"

// terraformFormat reads Terraform files. Stub: replaced by the reader.
type terraformFormat struct{}

func (terraformFormat) Name() string                         { return "Terraform" }
func (terraformFormat) Detect(name string, data []byte) bool { return false }
func (terraformFormat) Read(name string, data []byte) (*Draft, error) {
	return nil, errors.New("Terraform import is not implemented yet")
}
