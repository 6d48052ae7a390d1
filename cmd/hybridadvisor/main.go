// Command hybridadvisor tells, component by component, whether each part of an
// application should run as a serverless function, a serverless container or an
// orchestrated container, and what each choice costs on AWS, Azure and Google Cloud.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/hybridadvisor/hybridadvisor/advisor/safetext"
)

// Exit codes (design §3): 0 success, 1 a gate failed, 2 usage or input error.
const (
	exitOK    = 0
	exitGate  = 1
	exitError = 2
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// streams carries the process's I/O so commands are testable.
type streams struct {
	in       io.Reader
	out, err io.Writer
	// outTTY and inTTY are true when out and in are interactive terminals.
	outTTY, inTTY bool
}

// exitErr ends a command with a specific code; its message (if any) was printed.
type exitErr struct{ code int }

func (e exitErr) Error() string { return fmt.Sprintf("exit %d", e.code) }

func run(args []string, in io.Reader, out, rawErr io.Writer) int {
	// stderr carries messages that quote users (errors, gate failures, policies'
	// print output with --debug): every line is filtered (safetext.Guard).
	errOut := safetext.GuardText(rawErr, false)
	defer errOut.Flush()
	io := &streams{in: in, out: out, err: errOut}
	if f, ok := out.(*os.File); ok {
		io.outTTY = term.IsTerminal(int(f.Fd()))
	}
	if f, ok := in.(*os.File); ok {
		io.inTTY = term.IsTerminal(int(f.Fd()))
	}
	root := newRootCmd(io)
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return exitOK
	}
	var ee exitErr
	if errors.As(err, &ee) {
		return ee.code
	}
	fmt.Fprintf(errOut, "hybridadvisor: %s\n", err)
	var ue usageError
	if errors.As(err, &ue) || isFlagError(err) {
		fmt.Fprintln(errOut, "Run 'hybridadvisor --help' for usage.")
	}
	return exitError
}

// usageError marks a bad command line.
type usageError struct{ error }

func isFlagError(err error) bool {
	var fe *flagError
	return errors.As(err, &fe)
}

type flagError struct{ error }

func (e *flagError) Unwrap() error { return e.error }

func useColor(io *streams) bool {
	return io.outTTY && os.Getenv("NO_COLOR") == "" && os.Getenv("TERM") != "dumb"
}

// flagErrorFunc marks cobra's flag parsing errors so they exit 2 with a hint.
func flagErrorFunc(_ *cobra.Command, err error) error { return &flagError{err} }
