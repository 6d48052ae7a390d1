//go:build linux || darwin

package tui

import (
	"bytes"
	"testing"
	"time"

	"github.com/creack/pty"
)

// fakeTerminal plays the terminal on a pty: it reads the query and writes
// answer (nothing when empty), then reports what it read.
func fakeTerminal(t *testing.T, answer string) (dark, ok bool, query []byte) {
	t.Helper()
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	defer ptmx.Close()
	defer tty.Close()
	read := make(chan []byte, 1)
	go func() {
		var got []byte
		buf := make([]byte, 64)
		for !bytes.HasSuffix(got, []byte("\x1b[6n")) {
			n, err := ptmx.Read(buf)
			if err != nil {
				break
			}
			got = append(got, buf[:n]...)
		}
		if answer != "" {
			_, _ = ptmx.Write([]byte(answer))
		}
		read <- got
	}()
	// Generous: an answering terminal ends the wait at once; a silent one is
	// waited for this long.
	dark, ok = askBackground(tty, tty, time.Second)
	select {
	case query = <-read:
	case <-time.After(10 * time.Second):
		t.Fatal("the fake terminal never saw the query")
	}
	return dark, ok, query
}

func TestAskBackground(t *testing.T) {
	cases := []struct {
		name, answer string
		dark, ok     bool
	}{
		{"light, ST", "\x1b]11;rgb:ffff/ffff/ffff\x1b\\\x1b[12;1R", false, true},
		{"dark, BEL", "\x1b]11;rgb:1e1e/1e1e/2e2e\x07\x1b[3;7R", true, true},
		{"two-digit", "\x1b]11;rgb:f0/f0/e8\x1b\\\x1b[1;1R", false, true},
		{"no OSC 11, only the cursor report", "\x1b[1;1R", false, false},
		{"silent terminal", "", false, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dark, ok, query := fakeTerminal(t, c.answer)
			if string(query) != backgroundQuery {
				t.Errorf("query = %q, want %q", query, backgroundQuery)
			}
			if dark != c.dark || ok != c.ok {
				t.Errorf("dark, ok = %v, %v; want %v, %v", dark, ok, c.dark, c.ok)
			}
		})
	}
}

func TestParseBackground(t *testing.T) {
	for in, want := range map[string]bool{
		"\x1b]11;rgb:0000/0000/0000\x07": true,
		"\x1b]11;rgb:ffff/ffff/ffff\x07": false,
		"\x1b]11;rgba:2/2/2/f\x07":       true,
	} {
		if dark, ok := parseBackground([]byte(in)); !ok || dark != want {
			t.Errorf("parseBackground(%q) = %v, %v; want %v, true", in, dark, ok, want)
		}
	}
	for _, bad := range []string{"", "\x1b]11;", "\x1b]11;rgb:zz/00/00\x07", "\x1b]11;cmyk:1/2/3\x07", "\x1b]11;rgb:1/2\x07"} {
		if _, ok := parseBackground([]byte(bad)); ok {
			t.Errorf("parseBackground(%q) ok", bad)
		}
	}
}
