package engine

import (
	"fmt"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// The sandbox. Users' policies come from strangers' pull requests, so every
// built-in they may call has been reviewed and is named below: a built-in OPA
// adds in a later version is unavailable until someone reviews it and puts it
// in a family (TestEveryBuiltinIsReviewed fails until then). The embedded
// policies compile against the same list.
//
// A built-in is allowed when it is a pure function of its arguments (no file,
// network, environment, clock or randomness) and one call costs no more than a
// small multiple of the size of its arguments, or checks OPA's cancellation as
// it goes; the few that needed it are wrapped with limits (limits.go). What one
// call of an allowed built-in may still do, OPA's evaluator may do too (compare
// two values shared many times over, say): the watchdog (watch.go) bounds every
// evaluation in time and memory whatever runs.

// builtinFamily is a group of allowed built-ins with the reason they are safe.
type builtinFamily struct {
	why   string
	names []string
}

var allowedFamilies = []builtinFamily{
	{"Operators and the compiler's internals: comparisons, assignment, membership, print " +
		"(dropped unless --debug), template strings (both capped at maxString, limits.go), test cases " +
		"and trace (no tracer is installed). Linear in their operands.",
		[]string{"assign", "eq", "equal", "neq", "lt", "lte", "gt", "gte",
			"internal.member_2", "internal.member_3", "internal.print", "print",
			"internal.template_string", "internal.test_case", "trace"}},
	{"Arithmetic. numbers.range and numbers.range_step check OPA's cancellation and are capped " +
		"at maxRangeLen numbers (limits.go).",
		[]string{"plus", "minus", "mul", "div", "rem", "abs", "ceil", "floor", "round",
			"numbers.range", "numbers.range_step"}},
	{"Bitwise operations; bits.lsh is capped at maxShift bits (limits.go), the others give " +
		"numbers no larger than their operands.",
		[]string{"bits.and", "bits.or", "bits.xor", "bits.negate", "bits.lsh", "bits.rsh"}},
	{"Aggregates, set operations and collections: linear in their operands (sort: n log n).",
		[]string{"count", "sum", "product", "max", "min", "sort", "and", "or", "intersection", "union",
			"array.concat", "array.slice", "array.reverse", "array.flatten",
			"object.get", "object.keys", "object.remove", "object.filter", "object.union", "object.union_n",
			"json.filter", "json.remove", "walk", "graph.reachable"}},
	{"Strings: linear in their operands. concat, replace, strings.replace_n and regex.replace " +
		"check OPA's cancellation as they write; concat and sprintf are capped at maxString, " +
		"sprintf's widths and precisions at maxFormatWidth (limits.go).",
		[]string{"concat", "contains", "endswith", "startswith", "format_int", "indexof", "indexof_n",
			"lower", "upper", "replace", "split", "sprintf", "strings.any_prefix_match",
			"strings.any_suffix_match", "strings.count", "strings.replace_n", "strings.reverse",
			"strings.split_n", "substring", "trim", "trim_left", "trim_prefix", "trim_right",
			"trim_space", "trim_suffix", "to_number", "glob.quote_meta"}},
	{"Regular expressions: Go's RE2 engine matches in time linear in the input (no backtracking) " +
		"and bounds the size of a compiled expression.",
		[]string{"regex.match", "regex.is_valid", "regex.find_n", "regex.find_all_string_submatch_n",
			"regex.split", "regex.replace"}},
	{"Types.",
		[]string{"is_array", "is_boolean", "is_null", "is_number", "is_object", "is_set", "is_string", "type_name"}},
	{"Encodings of values given as arguments: nothing is read by reference. YAML refuses " +
		"excessive aliasing (billion laughs); both refuse documents nested over 10,000 deep; json.marshal " +
		"and yaml.marshal are capped at maxString (limits.go).",
		[]string{"base64.encode", "base64.decode", "base64.is_valid", "base64url.encode",
			"base64url.encode_no_pad", "base64url.decode", "hex.encode", "hex.decode",
			"urlquery.encode", "urlquery.decode", "urlquery.encode_object", "urlquery.decode_object",
			"json.marshal", "json.unmarshal", "json.is_valid", "yaml.marshal", "yaml.unmarshal",
			"yaml.is_valid", "uri.parse", "uri.is_valid", "units.parse", "units.parse_bytes",
			"semver.compare", "semver.is_valid", "uuid.parse"}},
	{"Time arithmetic on the nanoseconds given as arguments (the clock itself, time.now_ns, is " +
		"not offered). Time zones other than UTC are refused, and so are zone abbreviations in " +
		"time.parse_ns layouts (limits.go): both read the host's time-zone files or local zone, " +
		"so results would differ between machines.",
		[]string{"time.add_date", "time.clock", "time.date", "time.diff", "time.format",
			"time.parse_duration_ns", "time.parse_ns", "time.parse_rfc3339_ns", "time.weekday"}},
	{"Hashes and HMACs of strings given as arguments.",
		[]string{"crypto.md5", "crypto.sha1", "crypto.sha256", "crypto.hmac.md5", "crypto.hmac.sha1",
			"crypto.hmac.sha256", "crypto.hmac.sha512", "crypto.hmac.equal"}},
	{"Parsing of certificates and keys given as arguments (PEM or base64 DER); no chain is " +
		"verified, since verification reads the wall clock.",
		[]string{"crypto.x509.parse_certificates", "crypto.x509.parse_certificate_request",
			"crypto.x509.parse_keypair", "crypto.x509.parse_rsa_private_key", "crypto.parse_private_keys"}},
	{"JWT decoding and signature verification with keys given as arguments (no JWKS URL is " +
		"fetched). io.jwt.decode_verify checks exp and nbf against the evaluation's pinned " +
		"date (clock.go), never the wall clock.",
		[]string{"io.jwt.decode", "io.jwt.decode_verify", "io.jwt.verify_eddsa",
			"io.jwt.verify_es256", "io.jwt.verify_es384", "io.jwt.verify_es512",
			"io.jwt.verify_hs256", "io.jwt.verify_hs384", "io.jwt.verify_hs512",
			"io.jwt.verify_ps256", "io.jwt.verify_ps384", "io.jwt.verify_ps512",
			"io.jwt.verify_rs256", "io.jwt.verify_rs384", "io.jwt.verify_rs512"}},
	{"The policy's own METADATA.",
		[]string{"rego.metadata.chain", "rego.metadata.rule"}},
}

// deniedBuiltins are the reviewed built-ins policies may not call, with why.
var deniedBuiltins = map[string]string{
	"http.send":              "reaches the network (and reads CA files and environment variables named in its request)",
	"net.lookup_ip_addr":     "reaches the network (DNS)",
	"providers.aws.sign_req": "signs requests for the network with credentials; no use in a rule",
	"opa.runtime":            "exposes the environment and OPA's configuration",
	"time.now_ns":            "reads the clock, so results would not be reproducible; rules get input.today",
	"rand.intn":              "random",
	"uuid.rfc4122":           "random",
	"io.jwt.encode_sign":     "ES* and PS* signatures are random; signing has no use in a rule",
	"io.jwt.encode_sign_raw": "ES* and PS* signatures are random; signing has no use in a rule",
	"json.verify_schema":     "resolves $ref by URL: file:// reads local files (a FIFO hangs, /dev/zero exhausts memory), http(s):// reaches the network",
	"json.match_schema":      "resolves $ref by URL: file:// reads local files (a FIFO hangs, /dev/zero exhausts memory), http(s):// reaches the network",
	"crypto.x509.parse_and_verify_certificates":              "verifies the chain against the wall clock",
	"crypto.x509.parse_and_verify_certificates_with_options": "verifies the chain against the wall clock unless told otherwise",
	"glob.match":                "matching patterns that mix alternatives and wildcards ({*a,*b}...) takes exponential time in one uninterruptible call; use regex.match",
	"regex.globs_match":         "glob intersection: cost not reviewed, no use in a rule",
	"regex.template_match":      "builds expressions from templates: not reviewed, no use in a rule",
	"graph.reachable_paths":     "lists every path, exponentially many, in one uninterruptible call; use graph.reachable",
	"json.patch":                "copies the document for every operation (quadratic) in one uninterruptible call",
	"object.subset":             "naive quadratic search between arrays in one uninterruptible call",
	"strings.render_template":   "Go templates: nested range multiplies the output in one uninterruptible call",
	"json.marshal_with_options": "the prefix and indent repeat on every line: output grows with their product in one uninterruptible call; use json.marshal",
	"rego.parse_module":         "parses arbitrary Rego: no use in a rule",
	"graphql.is_valid":          "GraphQL parsers: no use in a rule",
	"graphql.parse":             "GraphQL parsers: no use in a rule",
	"graphql.parse_and_verify":  "GraphQL parsers: no use in a rule",
	"graphql.parse_query":       "GraphQL parsers: no use in a rule",
	"graphql.parse_schema":      "GraphQL parsers: no use in a rule",
	"graphql.schema_is_valid":   "GraphQL parsers: no use in a rule",
	"net.cidr_contains":         "never offered (net.*); cidr_expand allocates a string per address",
	"net.cidr_contains_matches": "never offered (net.*); cidr_expand allocates a string per address",
	"net.cidr_expand":           "allocates a string per address (2^32 for 0.0.0.0/0)",
	"net.cidr_intersects":       "never offered (net.*); cidr_expand allocates a string per address",
	"net.cidr_is_valid":         "never offered (net.*); cidr_expand allocates a string per address",
	"net.cidr_merge":            "never offered (net.*); cidr_expand allocates a string per address",
	"net.cidr_overlap":          "deprecated",
	"all":                       "deprecated",
	"any":                       "deprecated",
	"re_match":                  "deprecated",
	"set_diff":                  "deprecated",
	"cast_array":                "deprecated",
	"cast_boolean":              "deprecated",
	"cast_null":                 "deprecated",
	"cast_object":               "deprecated",
	"cast_set":                  "deprecated",
	"cast_string":               "deprecated",
}

// allowedBuiltins indexes allowedFamilies.
var allowedBuiltins = func() map[string]bool {
	m := map[string]bool{}
	for _, f := range allowedFamilies {
		for _, n := range f.names {
			m[n] = true
		}
	}
	return m
}()

// sandboxCapabilities are OPA's capabilities cut down to the allowed built-ins,
// with no network access for any of them.
func sandboxCapabilities() *ast.Capabilities {
	caps := ast.CapabilitiesForThisVersion()
	kept := caps.Builtins[:0:0]
	for _, b := range caps.Builtins {
		if allowedBuiltins[b.Name] {
			kept = append(kept, b)
		}
	}
	caps.Builtins = kept
	caps.AllowNet = []string{}
	return caps
}

// explainDenied adds the reason to the compiler's "undefined function" error of
// a built-in the sandbox leaves out, so the author learns it is deliberate.
func explainDenied(msg string) string {
	const prefix = "undefined function "
	name, ok := strings.CutPrefix(msg, prefix)
	if !ok {
		return msg
	}
	if why, denied := deniedBuiltins[name]; denied {
		return fmt.Sprintf("%s: not available to policies (%s)", name, why)
	}
	return msg
}
