package render_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/hybridadvisor/hybridadvisor/advisor/render"
	"github.com/hybridadvisor/hybridadvisor/advisor/result"
	"github.com/hybridadvisor/hybridadvisor/advisor/safetext"
)

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
		if got := render.Clean(tc.in); got != tc.want {
			t.Errorf("Clean(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if got := render.Clean(render.Clean(tc.in)); got != render.Clean(tc.in) {
			t.Errorf("Clean is not idempotent on %q: %q", tc.in, got)
		}
	}
}

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

// spoofing names try to become workflow commands in every way a runner reads
// one: at a line start, after whitespace (a .NET trim includes NBSP), after a
// line break, and "##[" anywhere.
var spoofing = []string{
	"::warning file=x,line=1::spoofed ##[add-mask]x",
	"ok\n::error file=y::injected",
	"\u00a0\t::notice::nbsp",
	"x\r::debug::cr",
	"#\u200b#[stop-commands]zw",
	"##vso[task.setvariable variable=x]1",
}

func spoofed(t *testing.T) *result.Result {
	t.Helper()
	r := withDiffAndGates(t)
	k := 0
	next := func() string { k++; return spoofing[k%len(spoofing)] }
	for i := range r.Files {
		f := &r.Files[i]
		if f.Error != nil {
			f.Path = next()
			f.Error.Message = next()
			continue
		}
		a := f.Architecture
		a.Name, a.Description = next(), next()
		for j := range a.Components {
			c := &a.Components[j]
			c.Name, c.Description = next(), next()
			for k := range c.Findings {
				c.Findings[k].Message, c.Findings[k].Remediation, c.Findings[k].Title = next(), next(), next()
				c.Findings[k].WaiverReason = next()
			}
			for k := range c.Recommendation.Reasons {
				c.Recommendation.Reasons[k].Message = next()
			}
		}
	}
	for i := range r.Diff.Architectures {
		r.Diff.Architectures[i].Name = next()
		for j := range r.Diff.Architectures[i].Components {
			r.Diff.Architectures[i].Components[j].Name = next()
		}
	}
	for i := range r.Gates {
		for j := range r.Gates[i].Failures {
			r.Gates[i].Failures[j].Message = next()
		}
	}
	return r
}

// TestNoWorkflowCommandsInOutput is the reproduction of the issue: a component
// named "::warning file=x,line=1::spoofed ##[add-mask]x" became a workflow
// command in the table. No format but github may contain a line a runner runs,
// and github's lines are only its own annotations.
func TestNoWorkflowCommandsInOutput(t *testing.T) {
	r := spoofed(t)
	for _, format := range render.FormatNames() {
		for _, verbose := range []bool{false, true} {
			out := string(render1(t, format, r, render.StreamOptions{Options: render.Options{Verbose: verbose}, FailOn: "low"}))
			var reg bytes.Buffer
			if err := render.Write(&reg, format, r, render.Options{Verbose: verbose}); err != nil {
				t.Fatal(err)
			}
			for _, out := range []string{out, reg.String()} {
				for _, l := range commandLines(out) {
					if name, _ := safetext.RunnerCommand(l); format == "github" && strings.HasPrefix(l, "::"+name+" ") &&
						(name == "error" || name == "warning" || name == "notice") && !strings.ContainsAny(l, "\r") {
						continue // an annotation of ours
					}
					t.Errorf("%s (verbose %v): the runner would run %q", format, verbose, l)
				}
			}
		}
	}
	// The coloured table too.
	var buf bytes.Buffer
	if err := render.Table(&buf, r, render.TableOptions{Color: true, Verbose: true}); err != nil {
		t.Fatal(err)
	}
	if cmds := commandLines(buf.String()); len(cmds) > 0 {
		t.Errorf("coloured table: the runner would run %q", cmds)
	}
}

// TestJSONKeepsSpoofingStringsIntact: in JSON the defusing is lossless, the
// values read back are the ones written.
func TestJSONKeepsSpoofingStringsIntact(t *testing.T) {
	r := spoofed(t)
	for _, format := range []string{"json", "sarif"} {
		out := render1(t, format, r, render.StreamOptions{})
		if cmds := commandLines(string(out)); len(cmds) > 0 {
			t.Errorf("%s: the runner would run %q", format, cmds)
		}
		if !json.Valid(out) {
			t.Fatalf("%s is not valid JSON", format)
		}
	}
	var back result.Result
	if err := json.Unmarshal(render1(t, "json", r, render.StreamOptions{}), &back); err != nil {
		t.Fatal(err)
	}
	for i, f := range r.Files {
		if f.Architecture != nil && back.Files[i].Architecture.Name != f.Architecture.Name {
			t.Errorf("name %q read back as %q", f.Architecture.Name, back.Files[i].Architecture.Name)
		}
		if f.Error != nil && back.Files[i].Error.Message != f.Error.Message {
			t.Errorf("message %q read back as %q", f.Error.Message, back.Files[i].Error.Message)
		}
	}
}

// TestGuard checks the line filter alone, written to in awkward pieces.
func TestGuard(t *testing.T) {
	in := "ok\n  ::error::x\n#\n#[add-mask]y\x1b[1mbold\x1b[0m a\u200bb\npartial ##"
	for _, pieces := range []int{1, 2, 3, len(in)} {
		var out bytes.Buffer
		g := render.GuardText(&out, false)
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
	g := render.GuardText(&out, true)
	g.Write([]byte("\x1b[1m::x::y\x1b[0m\n"))
	if out.String() != "\x1b[1m::x::y\x1b[0m\n" {
		t.Errorf("keepANSI: got %q", out.String())
	}
	out.Reset()
	j := render.GuardJSON(&out)
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
	for _, s := range append(spoofing, "a\u200bpi", "\x1b[31mred\x1b]8;;x\x07", "👩\u200d💻 ❤\ufe0f", "bad\xff", "\u00a0\t::x::y", "#\u200d#[z]") {
		f.Add(s, uint8(1))
	}
	f.Fuzz(func(t *testing.T, s string, cut uint8) {
		c := render.Clean(s)
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
		if again := render.Clean(c); again != c {
			t.Fatalf("Clean is not idempotent: %q -> %q -> %q", s, c, again)
		}

		n := int(cut) % (len(s) + 1)
		var text bytes.Buffer
		g := render.GuardText(&text, false)
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
		j := render.GuardJSON(&js)
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
