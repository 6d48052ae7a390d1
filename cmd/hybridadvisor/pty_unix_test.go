//go:build linux || darwin

package main

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/creack/pty"
)

// The queries termenv sends to learn the background colour (OSC 11) and, as a
// fence, the cursor position (DSR 6). A terminal that answers neither (docker
// run -t, CI runners with a pty, script) used to stall every command for 5 s.
var terminalQueries = []string{"\x1b]11;?", "\x1b[6n"}

// TestNoTerminalQueriesOnAPTY runs commands on a pseudo-terminal that never
// answers and checks that nothing asks the terminal anything: only the TUI may.
func TestNoTerminalQueriesOnAPTY(t *testing.T) {
	cases := [][]string{
		{"version"},
		{"--help"},
		{"schema"},
		{"policy", "list"},
		{"pricing", "list"},
		{"score", "--example", "shop"},
		{"score", "--example", "shop", "-o", "json"},
		{"policy", "lsit"},
	}
	for _, args := range cases {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			out := runOnPTY(t, args, "TERM=xterm-256color")
			for _, q := range terminalQueries {
				if bytes.Contains(out, []byte(q)) {
					t.Errorf("the command queried the terminal (%q) on a pty:\n%q", q, head(out))
				}
			}
		})
	}
	t.Run("score in colour honours NO_COLOR", func(t *testing.T) {
		colour := runOnPTY(t, []string{"score", "--example", "shop"}, "TERM=xterm-256color")
		if !bytes.Contains(colour, []byte("\x1b[")) {
			t.Errorf("score on a colour terminal wrote no ANSI styling:\n%q", head(colour))
		}
		plain := runOnPTY(t, []string{"score", "--example", "shop"}, "TERM=xterm-256color", "NO_COLOR=1")
		if bytes.Contains(plain, []byte("\x1b")) {
			t.Errorf("NO_COLOR: the output still has escape sequences:\n%q", head(plain))
		}
	})
}

// TestTUIStartsOnASilentTerminal: the TUI is the one command that asks the
// terminal for its background, once and briefly; on a terminal that never
// answers it still starts and quits on q.
func TestTUIStartsOnASilentTerminal(t *testing.T) {
	out := runOnPTY(t, []string{"tui", "--example", "shop"}, "TERM=xterm-256color", "keys:q")
	if n := bytes.Count(out, []byte(terminalQueries[0])); n != 1 {
		t.Errorf("the TUI asked for the background %d times, want once", n)
	}
	if !bytes.Contains(out, []byte("\x1b[?1049h")) {
		t.Errorf("the TUI never opened the alternate screen:\n%q", head(out))
	}
}

// TestPTYHelperProcess is the command run by runOnPTY; on its own it does nothing.
func TestPTYHelperProcess(t *testing.T) {
	raw := os.Getenv("HYBRIDADVISOR_PTY_ARGS")
	if raw == "" {
		return
	}
	var args []string
	if err := json.Unmarshal([]byte(raw), &args); err != nil {
		os.Exit(99)
	}
	os.Exit(run(args, os.Stdin, os.Stdout, os.Stderr))
}

// runOnPTY runs this test binary as the command with args, its stdin, stdout
// and stderr a pseudo-terminal that it controls and that never answers, and
// returns everything written to the terminal. The environment is the test's
// less CI, NO_COLOR, TERM and COLORTERM (termenv never queries under CI), plus
// env; an entry "keys:TEXT" is typed on the terminal until the command exits.
func runOnPTY(t *testing.T, args []string, env ...string) []byte {
	t.Helper()
	raw, _ := json.Marshal(args)
	cmd := exec.Command(os.Args[0], "-test.run=^TestPTYHelperProcess$")
	for _, kv := range os.Environ() {
		switch strings.SplitN(kv, "=", 2)[0] {
		case "CI", "NO_COLOR", "TERM", "COLORTERM", "COLORFGBG":
			continue
		}
		cmd.Env = append(cmd.Env, kv)
	}
	var keys string
	for _, kv := range env {
		if k, ok := strings.CutPrefix(kv, "keys:"); ok {
			keys = k
			continue
		}
		cmd.Env = append(cmd.Env, kv)
	}
	cmd.Env = append(cmd.Env, "HYBRIDADVISOR_PTY_ARGS="+string(raw))
	tty, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 40, Cols: 120})
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	defer tty.Close()
	var out bytes.Buffer
	copied := make(chan struct{})
	go func() {
		_, _ = io.Copy(&out, tty) // ends with EIO once the command has exited
		close(copied)
	}()
	waited := make(chan error, 1)
	go func() { waited <- cmd.Wait() }()
	// A hang guard only: a stall was 5 s per command, a pass is well under.
	const guard = 2 * time.Minute
	timeout := time.After(guard)
	// keys are typed again and again until the command exits: whatever the
	// terminal receives before the program reads it raw may be swallowed.
	tick := time.NewTicker(250 * time.Millisecond)
	defer tick.Stop()
wait:
	for {
		select {
		case <-waited:
			break wait
		case <-tick.C:
			if keys != "" {
				_, _ = tty.WriteString(keys)
			}
		case <-timeout:
			_ = cmd.Process.Kill()
			<-waited
			t.Fatalf("%v did not finish within %s on a pty", args, guard)
		}
	}
	select {
	case <-copied:
	case <-time.After(10 * time.Second):
	}
	return out.Bytes()
}

func head(b []byte) []byte {
	if len(b) > 300 {
		return b[:300]
	}
	return b
}
