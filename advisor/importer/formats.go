package importer

// Formats are tried in this order; the first whose Detect accepts a file reads
// it. More specific formats come first: a SAM template is also YAML a
// Kubernetes reader might look at.
func Formats() []Format {
	return []Format{
		serverlessFormat{},
		cloudFormationFormat{},
		composeFormat{},
		kubernetesFormat{},
		terraformFormat{},
	}
}
