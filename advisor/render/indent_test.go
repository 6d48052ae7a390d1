package render

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// indentLikeEncoding is what appendIndent must reproduce: encoding/json's own indentation.
func indentLikeEncoding(t testing.TB, src []byte, prefix string) []byte {
	t.Helper()
	var want bytes.Buffer
	if err := json.Indent(&want, src, prefix, "  "); err != nil {
		t.Fatalf("json.Indent(%q): %v", src, err)
	}
	return want.Bytes()
}

func TestAppendIndentMatchesEncodingJSON(t *testing.T) {
	cases := []string{
		`{}`, `[]`, `""`, `0`, `null`, `{"a":[]}`, `{"a":{}}`, `[[],{},[[]]]`,
		`{"a":1,"b":[1,2,{"c":null}],"d":"x"}`,
		`{"quote\"d":"a \"b\" c","slash":"\\","tail":"\\\\"}`,
		`{"k":"{[,:]}","u":"\u2028 \u003c"}`,
		`[-1.5e+10,true,false,"é"]`,
	}
	for _, c := range cases {
		for _, prefix := range []string{"", "    "} {
			got := appendIndent(nil, []byte(c), prefix, "  ")
			if want := indentLikeEncoding(t, []byte(c), prefix); !bytes.Equal(got, want) {
				t.Errorf("appendIndent(%s, %q):\n got %s\nwant %s", c, prefix, got, want)
			}
		}
	}
}

// TestIndentedGoldens re-indents every golden JSON result of the advisor: real results with
// every field the contract has.
func TestIndentedGoldens(t *testing.T) {
	paths, _ := filepath.Glob("../testdata/golden/*.json")
	if len(paths) == 0 {
		t.Fatal("no golden results found")
	}
	for _, p := range paths {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var compact bytes.Buffer
		if err := json.Compact(&compact, raw); err != nil {
			t.Fatal(err)
		}
		if got, want := appendIndent(nil, compact.Bytes(), "", "  "), indentLikeEncoding(t, compact.Bytes(), ""); !bytes.Equal(got, want) {
			t.Errorf("%s: appendIndent differs from json.Indent", p)
		}
	}
}

func FuzzAppendIndent(f *testing.F) {
	for _, s := range []string{`{"a":[1,{"b":"c\"d"}],"e":{}}`, `[]`, `"\\\""`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var v any
		if json.Unmarshal(data, &v) != nil {
			return
		}
		var compact bytes.Buffer
		enc := json.NewEncoder(&compact)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(v); err != nil {
			return
		}
		src := bytes.TrimSuffix(compact.Bytes(), []byte("\n"))
		if got, want := appendIndent(nil, src, "  ", "  "), indentLikeEncoding(t, src, "  "); !bytes.Equal(got, want) {
			t.Fatalf("appendIndent(%s):\n got %s\nwant %s", src, got, want)
		}
	})
}

// BenchmarkIndent compares appendIndent with json.Indent on a large golden result.
func BenchmarkIndent(b *testing.B) {
	raw, err := os.ReadFile("../testdata/golden/shop.json")
	if err != nil {
		b.Skip(err)
	}
	var compact bytes.Buffer
	if err := json.Compact(&compact, raw); err != nil {
		b.Fatal(err)
	}
	src := compact.Bytes()
	b.Run("appendIndent", func(b *testing.B) {
		b.SetBytes(int64(len(src)))
		var dst []byte
		for b.Loop() {
			dst = appendIndent(dst[:0], src, "", "  ")
		}
	})
	b.Run("json.Indent", func(b *testing.B) {
		b.SetBytes(int64(len(src)))
		var dst bytes.Buffer
		for b.Loop() {
			dst.Reset()
			if err := json.Indent(&dst, src, "", "  "); err != nil {
				b.Fatal(err)
			}
		}
	})
}
