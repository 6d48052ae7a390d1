package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/hybridadvisor/hybridadvisor/advisor/profile"
	"github.com/hybridadvisor/hybridadvisor/advisor/render"
)

// strictSubcommands makes every command that has subcommands refuse an
// unknown one with cobra's suggestion and exit 2. Cobra only checks the root's
// arguments; a parent such as 'policy' without a Run of its own would print its
// help for 'policy lsit' and exit 0. Given no arguments, a parent prints its help.
func strictSubcommands(c *cobra.Command) {
	if !c.HasParent() {
		// Cobra adds 'completion' when the command runs; add it now so that
		// 'completion bsah' fails too.
		c.InitDefaultCompletionCmd()
	}
	for _, sub := range c.Commands() {
		strictSubcommands(sub)
	}
	if !c.HasSubCommands() {
		return
	}
	c.SuggestionsMinimumDistance = 2
	c.Args = unknownSubcommand
	if c.Run == nil && c.RunE == nil {
		c.RunE = func(cmd *cobra.Command, _ []string) error { return cmd.Help() }
	}
}

// unknownSubcommand accepts no arguments; the first one is reported as an
// unknown command, with the subcommands it is close to.
func unknownSubcommand(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	msg := fmt.Sprintf("unknown command %q for %q", args[0], cmd.CommandPath())
	if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
		msg += "\n\nDid you mean this?\n\t" + strings.Join(s, "\n\t") + "\n"
	}
	return usageError{errors.New(msg)}
}

// formatLikeNames are -o values that name a format rather than a file.
var formatLikeNames = []string{"md", "html", "htm", "text", "txt", "yaml", "yml", "csv", "xml", "pdf"}

// refuseFormatAsFile stops 'report -o json', which would write the Markdown
// report to a file named "json": report's -o takes a file name, its format is
// always Markdown. A path such as ./json is taken as given.
func refuseFormatAsFile(output string) error {
	name := strings.ToLower(output)
	known := render.HasFormat(name)
	for _, f := range formatLikeNames {
		known = known || name == f
	}
	if !known {
		return nil
	}
	var hint string
	switch {
	case name == "md" || name == "markdown":
		hint = "report always writes Markdown: leave out -o to print it, or name a file such as -o report.md"
	case render.HasFormat(name):
		hint = fmt.Sprintf("report writes Markdown only; did you mean 'hybridadvisor score -o %s'?", name)
	default:
		hint = "report writes Markdown only; name a file such as -o report.md"
	}
	return usageError{fmt.Errorf("-o %s: -o names the file to write and %q is a format: %s (for a file of that name, say -o ./%s)", output, output, hint, output)}
}

// refuseNonResult stops reformat with a clear message when its input is not a
// saved JSON result at all: a workload profile, say, which 'score' reads. It
// looks at the first byte (a result is a JSON object) and, if that is not '{',
// at the text. For stdin it peeks, so nothing is lost for reformat.
func refuseNonResult(io *streams, path string) error {
	head, name := []byte(nil), path
	if path == "-" {
		name = "stdin"
		br := bufio.NewReaderSize(io.in, 64<<10)
		io.in = br
		if startsLikeJSON(br) {
			return nil
		}
		head, _ = br.Peek(64 << 10)
	} else {
		f, err := os.Open(path)
		if err != nil {
			return nil // reformat reports it
		}
		defer f.Close()
		if startsLikeJSON(bufio.NewReader(f)) {
			return nil
		}
		if _, err := f.Seek(0, 0); err != nil {
			return nil
		}
		head, _ = readHead(f, profile.MaxFileSize)
	}
	if profile.LooksLikeProfile(head) {
		arg := path
		if path == "-" {
			arg = "FILE"
		}
		return fmt.Errorf("%s is a workload profile, not a saved result: reformat renders the JSON that 'hybridadvisor score -o json' writes in other formats. To score the profile: hybridadvisor score %s [-o FORMAT]", name, shellQuote(arg))
	}
	return fmt.Errorf("%s is not a saved JSON result (it does not start with '{'): reformat renders the JSON that 'hybridadvisor score -o json' writes in other formats", name)
}

// startsLikeJSON reports whether the first byte after a byte-order mark and
// white space is '{'; true for input that is empty or all white space, which
// reformat reports itself.
func startsLikeJSON(br *bufio.Reader) bool {
	skip := 0
	if b, _ := br.Peek(3); bytes.Equal(b, []byte("\ufeff")) {
		skip = 3
	}
	for i := skip + 1; i <= br.Size(); i++ {
		b, _ := br.Peek(i)
		if len(b) < i {
			return true
		}
		switch c := b[i-1]; c {
		case ' ', '\t', '\r', '\n':
		default:
			return c == '{'
		}
	}
	return true
}

func readHead(r io.Reader, n int64) ([]byte, error) {
	return io.ReadAll(io.LimitReader(r, n))
}
