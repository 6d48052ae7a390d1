package render

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"

	"github.com/hybridadvisor/hybridadvisor/advisor/result"
)

// indentLikeEncoding is what indented must reproduce: encoding/json's own indentation.
func indentLikeEncoding(t testing.TB, v any, prefix string) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent(prefix, "  ")
	if err := enc.Encode(v); err != nil {
		t.Fatalf("encoding/json(%#v): %v", v, err)
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

type allOmitted struct {
	A string `json:"a,omitempty"`
	B []int  `json:"b,omitempty"`
}

// spacedMarshaler returns JSON with its own whitespace, which both encoders must re-indent.
type spacedMarshaler struct{}

func (spacedMarshaler) MarshalJSON() ([]byte, error) { return []byte(`{"x": [1,  2], "y":{ }}`), nil }

func TestIndentedMatchesEncodingJSON(t *testing.T) {
	values := []any{
		map[string]any{}, []any{}, "", 0, nil, allOmitted{}, &allOmitted{}, []allOmitted{{}, {A: "x"}},
		map[string]any{"a": []any{}, "b": map[string]any{}, "c": [][]any{{}, {}}},
		map[string]any{`quote"d`: `a "b" c`, "slash": `\`, "tail": `\\`, "html": "<&>", "k": "{[,:]}"},
		map[string]any{"u": "\u2028 \u2029 é \x01 \xff", "n": []any{-1.5e+10, true, false, 1e21, 0.000001}},
		struct {
			M  spacedMarshaler `json:"m"`
			R  json.RawMessage `json:"r"`
			P  *allOmitted     `json:"p"`
			Mo result.Money    `json:"mo"`
		}{R: json.RawMessage(`{"a" : [ ]}`)},
		// An embedded pointer whose field the outer struct shadows (SARIF results).
		sarifResult{Result: newResult("R-1", 0, "note", "m", "a.yaml", 3, 0, nil), Suppressions: []sarifSuppression{{Kind: "inSource"}}},
		sarifResult{Result: newResult("R-1", 2, "note", "", "a.yaml", 0, 0, nil)},
	}
	for _, v := range values {
		for _, prefix := range []string{"", "    "} {
			var s jsonScratch
			got, err := indented(&s, v, prefix)
			if err != nil {
				t.Fatalf("indented(%#v): %v", v, err)
			}
			if want := indentLikeEncoding(t, v, prefix); !bytes.Equal(got, want) {
				t.Errorf("indented(%#v, %q):\n got %s\nwant %s", v, prefix, got, want)
			}
		}
	}
}

// TestIndentedGoldens re-encodes the render fixture: real results with every
// field the contract has. (The advisor's TestExamplesDeterministic compares the
// streamed JSON with render.JSON on every example.)
func TestIndentedGoldens(t *testing.T) {
	for _, p := range []string{"testdata/result.json"} {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var r result.Result
		if err := json.Unmarshal(raw, &r); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		var s jsonScratch
		got, err := indented(&s, &r, "")
		if err != nil {
			t.Fatal(err)
		}
		if want := indentLikeEncoding(t, &r, ""); !bytes.Equal(got, want) {
			t.Errorf("%s: goccy/go-json's indentation differs from encoding/json's", p)
		}
	}
}

func FuzzIndented(f *testing.F) {
	for _, s := range []string{`{"a":[1,{"b":"c\"d"}],"e":{}}`, `[]`, `"\\\""`, `[1e21,0.000001,"\u2028<"]`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var v any
		if json.Unmarshal(data, &v) != nil {
			return
		}
		var s jsonScratch
		got, err := indented(&s, v, "  ")
		if err != nil {
			t.Fatal(err)
		}
		if want := indentLikeEncoding(t, v, "  "); !bytes.Equal(got, want) {
			t.Fatalf("indented(%s):\n got %s\nwant %s", data, got, want)
		}
	})
}

// BenchmarkIndented encodes every file of the render fixture as the JSON stream
// does, against encoding/json's indenting encoder.
func BenchmarkIndented(b *testing.B) {
	raw, err := os.ReadFile("testdata/result.json")
	if err != nil {
		b.Fatal(err)
	}
	var r result.Result
	if err := json.Unmarshal(raw, &r); err != nil {
		b.Fatal(err)
	}
	b.Run("goccy", func(b *testing.B) {
		b.SetBytes(int64(len(raw)))
		var s jsonScratch
		for b.Loop() {
			for i := range r.Files {
				if _, err := indented(&s, &r.Files[i], "    "); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("encoding/json", func(b *testing.B) {
		b.SetBytes(int64(len(raw)))
		var buf bytes.Buffer
		for b.Loop() {
			for i := range r.Files {
				buf.Reset()
				enc := json.NewEncoder(&buf)
				enc.SetEscapeHTML(false)
				enc.SetIndent("    ", "  ")
				if err := enc.Encode(&r.Files[i]); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}
