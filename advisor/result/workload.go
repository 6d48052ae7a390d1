package result

// Workload is a component as modelled: every value the pricing and the rules
// used, as it would be written in the profile, each marked given (written in
// the file) or assumed (filled in by the tool, with the reason). Views render
// the workload from here, never from the profile, so a saved result shows
// what the run used.
type Workload struct {
	Trigger               Value `json:"trigger"`
	RequestsPerMonth      Value `json:"requests_per_month"`
	RequestsPerSecond     Value `json:"requests_per_second"`
	PeakRequestsPerSecond Value `json:"peak_requests_per_second"`
	Pattern               Value `json:"pattern"`
	AvgDuration           Value `json:"avg_duration"`
	MaxDuration           Value `json:"max_duration"`
	MemoryMB              Value `json:"memory_mb"`
	VCPU                  Value `json:"vcpu"`
	Concurrency           Value `json:"concurrency"`
	MinInstances          Value `json:"min_instances"`
	Arch                  Value `json:"arch"`
	OS                    Value `json:"os"`
	GPU                   Value `json:"gpu"`
	EphemeralStorageMB    Value `json:"ephemeral_storage_mb"`
	PackageMB             Value `json:"package_mb"`
	ContainerImage        Value `json:"container_image"`
	State                 Value `json:"state"`
	Exposure              Value `json:"exposure"`
}

// Value is one modelled value in its YAML form ("30000000", "120ms", "0.5",
// "steady"). Assumed is false for a value written in the profile; an assumed
// one says why (the message of the matching architecture assumption).
type Value struct {
	Value   string `json:"value"`
	Assumed bool   `json:"assumed"`
	Why     string `json:"why,omitempty"`
}

// WorkloadField pairs a profile path under a component
// ("traffic.requests_per_month") with its value.
type WorkloadField struct {
	Path  string
	Value *Value
}

// Fields lists the workload's values with their profile paths, in the
// profile's order of sections; views and the what-if form look values up by path.
func (w *Workload) Fields() []WorkloadField {
	return []WorkloadField{
		{"trigger", &w.Trigger},
		{"traffic.requests_per_month", &w.RequestsPerMonth},
		{"traffic.requests_per_second", &w.RequestsPerSecond},
		{"traffic.peak_requests_per_second", &w.PeakRequestsPerSecond},
		{"traffic.pattern", &w.Pattern},
		{"execution.avg_duration", &w.AvgDuration},
		{"execution.max_duration", &w.MaxDuration},
		{"execution.memory_mb", &w.MemoryMB},
		{"execution.vcpu", &w.VCPU},
		{"execution.concurrency", &w.Concurrency},
		{"execution.min_instances", &w.MinInstances},
		{"execution.arch", &w.Arch},
		{"execution.os", &w.OS},
		{"execution.gpu", &w.GPU},
		{"execution.ephemeral_storage_mb", &w.EphemeralStorageMB},
		{"dependencies.package_mb", &w.PackageMB},
		{"dependencies.container_image", &w.ContainerImage},
		{"state", &w.State},
		{"security.exposure", &w.Exposure},
	}
}

// Field returns the value at a profile path under the component, or nil.
func (w *Workload) Field(path string) *Value {
	if w == nil {
		return nil
	}
	for _, f := range w.Fields() {
		if f.Path == path {
			return f.Value
		}
	}
	return nil
}
