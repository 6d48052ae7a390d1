// Package policies embeds the Rego policies: decision/ encodes the
// function-vs-container decision framework, security/ the security, observability
// and resilience practices. Tests (*_test.rego) are embedded too so `go test` can
// run them with OPA's tester; the engine filters them out.
package policies

import "embed"

// FS holds decision/ and security/.
//
//go:embed decision security
var FS embed.FS
