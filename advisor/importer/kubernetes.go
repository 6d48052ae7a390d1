package importer

import "errors"

// kubernetesFormat reads Kubernetes files. Stub: replaced by the reader.
type kubernetesFormat struct{}

func (kubernetesFormat) Name() string                         { return "Kubernetes" }
func (kubernetesFormat) Detect(name string, data []byte) bool { return false }
func (kubernetesFormat) Read(name string, data []byte) (*Draft, error) {
	return nil, errors.New("Kubernetes import is not implemented yet")
}
