//go:build linux || darwin

package tui

import (
	"os"
	"time"

	"golang.org/x/sys/unix"
	"golang.org/x/term"
)

// queryBackground asks the terminal for its background colour and waits at
// most timeout. ok is false when it cannot ask (the process is not in the
// terminal's foreground, where a read would stop it) or got no colour in time.
func queryBackground(in, out *os.File, timeout time.Duration) (dark, ok bool) {
	pgrp, err := unix.IoctlGetInt(int(in.Fd()), unix.TIOCGPGRP)
	if err != nil || pgrp != unix.Getpgrp() {
		return false, false
	}
	return askBackground(in, out, timeout)
}

// askBackground puts the terminal in raw mode (no echo, no line buffering),
// writes the query to out and reads the answers from in until the cursor
// position report arrives or timeout passes.
func askBackground(in, out *os.File, timeout time.Duration) (dark, ok bool) {
	fd := int(in.Fd())
	state, err := term.MakeRaw(fd)
	if err != nil {
		return false, false
	}
	defer func() { _ = term.Restore(fd, state) }()
	if _, err := out.WriteString(backgroundQuery); err != nil {
		return false, false
	}
	deadline := time.Now().Add(timeout)
	var buf []byte
	chunk := make([]byte, 256)
	for len(buf) < 4096 && !answered(buf) {
		left := time.Until(deadline)
		if left <= 0 {
			break
		}
		var fds unix.FdSet
		fds.Set(fd)
		tv := unix.NsecToTimeval(left.Nanoseconds())
		n, err := unix.Select(fd+1, &fds, nil, nil, &tv)
		if err == unix.EINTR {
			continue
		}
		if err != nil || n == 0 {
			break
		}
		n, err = unix.Read(fd, chunk)
		if err == unix.EINTR || err == unix.EAGAIN {
			continue
		}
		if err != nil || n <= 0 {
			break
		}
		buf = append(buf, chunk[:n]...)
	}
	return parseBackground(buf)
}
