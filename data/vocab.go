package data

// The vocabularies every layer shares. They live here, the lowest package of
// the module, because pricing may import only data: one table each, which
// pricing, the profile parser, the config file, the result and the renderers
// all read instead of keeping copies.

// Clouds are the clouds in canonical order (every list of clouds follows it).
var Clouds = []string{"aws", "azure", "gcp"}

// DefaultRegions are the regions used for any cloud a profile does not name.
var DefaultRegions = map[string]string{"aws": "us-east-1", "azure": "eastus", "gcp": "us-central1"}

// Severities are the finding severities, most severe first.
var Severities = []string{"critical", "high", "medium", "low", "info"}

// Patterns are the traffic patterns a component may declare.
var Patterns = []string{"steady", "diurnal", "spiky", "sporadic"}

// PeakFactors are the peak-to-average factors by traffic pattern (exact
// decimals as text): how much busier the busiest sustained minute is than the
// monthly average, when a profile gives only the month's volume.
var PeakFactors = map[string]string{"steady": "1.5", "diurnal": "3", "spiky": "10", "sporadic": "20"}
