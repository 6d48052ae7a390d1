package render

import (
	"bytes"

	json "github.com/goccy/go-json"
)

// jsonScratch is the buffer one streaming writer reuses for every value it encodes.
type jsonScratch struct {
	buf bytes.Buffer
}

// indented encodes v as JSON indented by two spaces under prefix, without the
// trailing newline, HTML left unescaped: byte for byte what encoding/json's
// Encoder with SetIndent writes (TestIndentedMatchesEncodingJSON, the fuzz target
// and the golden tests compare them), and faster (BenchmarkIndented). The result
// is valid until the next call.
func indented(s *jsonScratch, v any, prefix string) ([]byte, error) {
	s.buf.Reset()
	enc := json.NewEncoder(&s.buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent(prefix, "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(s.buf.Bytes(), []byte("\n")), nil
}
