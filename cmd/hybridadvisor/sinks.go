package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"

	"github.com/hybridadvisor/hybridadvisor/advisor/atomicfile"
	"github.com/hybridadvisor/hybridadvisor/advisor/render"
	"github.com/hybridadvisor/hybridadvisor/advisor/result"
)

// Outputs of score: the -o specs and the streams that write them.

type outputSpec struct{ format, path string }

func parseOutputs(specs []string) ([]outputSpec, error) {
	if len(specs) == 0 {
		specs = []string{"table"}
	}
	var out []outputSpec
	stdout := 0
	for _, s := range specs {
		format, path, _ := strings.Cut(s, "=")
		if !render.HasFormat(format) {
			return nil, usageError{fmt.Errorf("unknown output format %q (known: %s)", format, strings.Join(render.FormatNames(), ", "))}
		}
		if path == "" {
			stdout++
		}
		out = append(out, outputSpec{format, path})
	}
	if stdout > 1 {
		return nil, usageError{fmt.Errorf("only one -o may write to stdout; give the others a file: -o FORMAT=FILE")}
	}
	return out, nil
}

// sink is one output: a stream over stdout or over an atomicfile.File, which
// replaces its target only when the run completes (or streams into a pipe or
// device in place).
type sink struct {
	format  string
	target  string // "" for stdout
	file    *atomicfile.File
	buf     *bufio.Writer
	stream  render.Stream
	summary *os.File // $GITHUB_STEP_SUMMARY, opened for the github format
}

type sinkSet []*sink

func openSinks(io *streams, specs []outputSpec, opts render.StreamOptions) (sinkSet, error) {
	var set sinkSet
	for _, spec := range specs {
		sk := &sink{format: spec.format, target: spec.path}
		o := opts
		if spec.path == "" {
			sk.buf = bufio.NewWriterSize(io.out, 64<<10)
		} else {
			o.Color = false
			if err := sk.open(); err != nil {
				set.abort()
				return nil, err
			}
		}
		if spec.format == "github" {
			if p := os.Getenv("GITHUB_STEP_SUMMARY"); p != "" {
				fh, err := os.OpenFile(p, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
				if err != nil {
					set.abort()
					return nil, fmt.Errorf("GITHUB_STEP_SUMMARY: %w", err)
				}
				sk.summary = fh
				o.StepSummary = fh
			}
		}
		st, err := render.NewStream(spec.format, sk.buf, o)
		if err != nil {
			set.abort()
			return nil, usageError{err}
		}
		sk.stream = st
		set = append(set, sk)
	}
	return set, nil
}

// open starts the file output (see atomicfile.Create).
func (sk *sink) open() error {
	f, err := atomicfile.Create(sk.target, 0o644)
	if err != nil {
		return fmt.Errorf("-o %s=%s: %w", sk.format, sk.target, err)
	}
	sk.file = f
	sk.buf = bufio.NewWriterSize(f, 64<<10)
	return nil
}

func (sk *sink) wrap(err error) error {
	if err == nil {
		return nil
	}
	where := "stdout"
	if sk.target != "" {
		where = sk.target
	}
	return fmt.Errorf("write %s output to %s: %w", sk.format, where, err)
}

func (set sinkSet) begin(h *result.Result) error {
	for _, sk := range set {
		if err := sk.wrap(sk.stream.Begin(h)); err != nil {
			return err
		}
	}
	return nil
}

func (set sinkSet) file(f *result.File) error {
	for _, sk := range set {
		if err := sk.wrap(sk.stream.File(f)); err != nil {
			return err
		}
	}
	return nil
}

// flushStdout shows progress on the terminal as files complete.
func (set sinkSet) flushStdout() error {
	for _, sk := range set {
		if sk.target == "" {
			if err := sk.wrap(sk.buf.Flush()); err != nil {
				return err
			}
		}
	}
	return nil
}

func (set sinkSet) end(t *result.Result) error {
	for _, sk := range set {
		if err := sk.wrap(sk.stream.End(t)); err != nil {
			return err
		}
		if err := sk.wrap(sk.buf.Flush()); err != nil {
			return err
		}
	}
	return nil
}

// commit moves every file output into place (see atomicfile.Create).
func (set sinkSet) commit() error {
	for _, sk := range set {
		if sk.summary != nil {
			err := sk.summary.Close()
			sk.summary = nil
			if err != nil {
				return fmt.Errorf("GITHUB_STEP_SUMMARY: %w", err)
			}
		}
		if sk.file == nil {
			continue
		}
		f := sk.file
		sk.file = nil
		if err := f.Commit(); err != nil {
			return sk.wrap(err)
		}
	}
	return nil
}

// abort removes the temporary files of outputs not committed.
func (set sinkSet) abort() {
	for _, sk := range set {
		if sk.summary != nil {
			sk.summary.Close()
			sk.summary = nil
		}
		if sk.file != nil {
			sk.file.Abort()
			sk.file = nil
		}
	}
}
