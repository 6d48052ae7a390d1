package safetext_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/hybridadvisor/hybridadvisor/advisor/safetext"
)

// commandLines returns the lines of out a CI runner would run as workflow
// commands (lines end at \n or \r, as the runner reads them).
func commandLines(out string) []string {
	var cmds []string
	for _, l := range strings.FieldsFunc(out, func(r rune) bool { return r == '\n' || r == '\r' }) {
		if _, ok := safetext.RunnerCommand(l); ok {
			cmds = append(cmds, l)
		}
	}
	return cmds
}

func TestClean(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain name", "plain name"},
		{"a\nb\r\nc\td", "a b  c d"},
		{"\x1b[31mred\x1b[0m \x1b]8;;https://x\x07link\x1b]8;;\x07", "red link"},
		{"bell\x07nul\x00del\x7f c1\u0085\u009b", "bellnuldel c1"},
		{"bad\xffutf8", "badutf8"},
		{"Ƞ\t\x1b[2J", "Ƞ "}, // FuzzClean: a control character after the first non-ASCII one was kept
		{"a\u200bpi", `a\u200bpi`},
		{"evil\u202Etxt.exe", `evil\u202etxt.exe`},
		{"\u2066x\u2069 \ufeffy\u00ad z\u2028", `\u2066x\u2069 \ufeffy\u00ad z\u2028`},
		{"tag\U000E0041", `tag\U000e0041`},
		{"a\u200d\u200db", `a\u200d\u200db`},
		{"👩\u200d💻 ❤\ufe0f", "👩\u200d💻 ❤\ufe0f"}, // emoji sequences stay whole
		{"\ufe0f", `\ufe0f`},
		{"::warning file=x,line=1::spoofed", `\::warning file=x,line=1::spoofed`},
		{"  \u00a0::error::x", "  \u00a0\\::error::x"},
		{"\n::error::x", ` \::error::x`},
		{"mid ::error::x", "mid ::error::x"}, // only a line start matters
		{"x ##[add-mask]y ###[z", `x #\#[add-mask]y ##\#[z`},
		{"##vso[task.setvariable]x", `#\#vso[task.setvariable]x`},
		{"fe80::1", "fe80::1"},
	} {
		if got := safetext.Clean(tc.in); got != tc.want {
			t.Errorf("Clean(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if got := safetext.Clean(safetext.Clean(tc.in)); got != safetext.Clean(tc.in) {
			t.Errorf("Clean is not idempotent on %q: %q", tc.in, got)
		}
	}
}

// TestGuard checks the line filter alone, written to in awkward pieces.
func TestGuard(t *testing.T) {
	in := "ok\n  ::error::x\n#\n#[add-mask]y\x1b[1mbold\x1b[0m a\u200bb\npartial ##"
	for _, pieces := range []int{1, 2, 3, len(in)} {
		var out bytes.Buffer
		g := safetext.GuardText(&out, false)
		for i := 0; i < len(in); i += pieces {
			g.Write([]byte(in[i:min(i+pieces, len(in))]))
		}
		g.Write([]byte("[z]"))
		if err := g.Flush(); err != nil {
			t.Fatal(err)
		}
		want := "ok\n  \\::error::x\n#\n#[add-mask]ybold a\\u200bb\npartial #\\#[z]"
		if out.String() != want {
			t.Errorf("pieces of %d: got %q, want %q", pieces, out.String(), want)
		}
	}
	var out bytes.Buffer
	g := safetext.GuardText(&out, true)
	g.Write([]byte("\x1b[1m::x::y\x1b[0m\n"))
	if out.String() != "\x1b[1m::x::y\x1b[0m\n" {
		t.Errorf("keepANSI: got %q", out.String())
	}
	out.Reset()
	j := safetext.GuardJSON(&out)
	j.Write([]byte(`{"a": "##[x] a` + "\u200b\U000E0041" + `"}` + "\n"))
	if want := `{"a": "#\u0023[x] a\u200b\udb40\udc41"}` + "\n"; out.String() != want {
		t.Errorf("json: got %s, want %s", out.String(), want)
	}
}

// FuzzClean: whatever a user writes, Clean's result is one line without
// control characters, invisible characters (but an emoji's joiners) or
// workflow commands, and cleaning it again changes nothing. The Guards keep
// the same promises line by line, and GuardJSON keeps JSON and its values.
func FuzzClean(f *testing.F) {
	spoofing := []string{"::warning file=x,line=1::spoofed ##[add-mask]x", "ok\n::error file=y::injected", "\u00a0\t::notice::nbsp",
		"x\r::debug::cr", "#\u200b#[stop-commands]zw", "##vso[task.setvariable variable=x]1"}
	for _, s := range append(spoofing, "a\u200bpi", "\x1b[31mred\x1b]8;;x\x07", "👩\u200d💻 ❤\ufe0f", "bad\xff", "\u00a0\t::x::y", "#\u200d#[z]") {
		f.Add(s, uint8(1))
	}
	f.Fuzz(func(t *testing.T, s string, cut uint8) {
		c := safetext.Clean(s)
		if !utf8.ValidString(c) || strings.ContainsFunc(c, unicode.IsControl) {
			t.Fatalf("Clean(%q) = %q has control characters or bad UTF-8", s, c)
		}
		prev := rune(0)
		for _, r := range c {
			if safetext.Invisible(r) && !(safetext.EmojiJoiner(r) && safetext.EmojiBase(prev)) {
				t.Fatalf("Clean(%q) = %q keeps U+%04X", s, c, r)
			}
			prev = r
		}
		if _, ok := safetext.RunnerCommand(c); ok {
			t.Fatalf("Clean(%q) = %q is a workflow command", s, c)
		}
		if again := safetext.Clean(c); again != c {
			t.Fatalf("Clean is not idempotent: %q -> %q -> %q", s, c, again)
		}

		n := int(cut) % (len(s) + 1)
		var text bytes.Buffer
		g := safetext.GuardText(&text, false)
		g.Write([]byte(s[:n]))
		g.Write([]byte(s[n:]))
		g.Flush()
		if cmds := commandLines(text.String()); len(cmds) > 0 {
			t.Fatalf("GuardText(%q) lets through %q", s, cmds)
		}
		if strings.ContainsFunc(text.String(), func(r rune) bool { return unicode.IsControl(r) && r != '\n' && r != '\t' }) {
			t.Fatalf("GuardText(%q) = %q has control characters", s, text.String())
		}

		raw, _ := json.Marshal(map[string]string{"v": s})
		var js bytes.Buffer
		j := safetext.GuardJSON(&js)
		m := int(cut) % (len(raw) + 1)
		j.Write(raw[:m])
		j.Write(raw[m:])
		j.Flush()
		var want, back map[string]string
		json.Unmarshal(raw, &want)
		if err := json.Unmarshal(js.Bytes(), &back); err != nil || back["v"] != want["v"] {
			t.Fatalf("GuardJSON(%s) = %s reads back %q (%v)", raw, js.Bytes(), back["v"], err)
		}
		if cmds := commandLines(js.String()); len(cmds) > 0 {
			t.Fatalf("GuardJSON(%s) lets through %q", raw, cmds)
		}
	})
}
