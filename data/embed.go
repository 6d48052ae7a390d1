// Package data embeds the bundled, dated data the tool needs at run time: price
// tables, platform limits, decision weights, the security rules' thresholds and
// deprecated runtimes, and example architectures. Nothing is fetched over the
// network.
package data

import "embed"

// FS holds pricing/*.yaml, limits.yaml, weights.yaml, scaling.yaml, security.yaml and examples/*.yaml.
//
//go:embed pricing examples limits.yaml weights.yaml scaling.yaml security.yaml
var FS embed.FS
