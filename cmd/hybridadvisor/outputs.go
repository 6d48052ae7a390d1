package main

import (
	"fmt"
	"os"

	"github.com/hybridadvisor/hybridadvisor/advisor"
	"github.com/hybridadvisor/hybridadvisor/advisor/render"
	"github.com/hybridadvisor/hybridadvisor/advisor/safeio"
)

// outputFile is a file an output will be written to, with how it was asked for
// ("-o json=app.yaml"), for messages.
type outputFile struct{ label, path string }

// checkOutputFiles refuses, before anything is scored, an output that would
// replace one of the input profiles (-o json=app.yaml with app.yaml as input,
// also through a link) or another input (others: the config file, price
// overrides, a report template; their label names them), and two outputs that
// are the same file (the last one written would silently win).
func checkOutputFiles(outs []outputFile, sources []advisor.Source, others ...outputFile) error {
	type seen struct {
		label string
		info  os.FileInfo
	}
	var existing []seen
	resolved := map[string]string{}
	for _, o := range outs {
		if r, err := safeio.Resolve(o.path); err == nil {
			if first, dup := resolved[r]; dup {
				return usageError{fmt.Errorf("%s and %s write the same file; give each output its own file", first, render.Clean(o.label))}
			}
			resolved[r] = render.Clean(o.label)
		}
		if info, err := os.Stat(o.path); err == nil && info.Mode().IsRegular() {
			existing = append(existing, seen{render.Clean(o.label), info})
		}
	}
	if len(existing) == 0 {
		return nil // only new files, pipes and devices: none can be an input
	}
	inputs := make([]outputFile, 0, len(others)+len(sources))
	for _, in := range others {
		if in.path != "" {
			inputs = append(inputs, in)
		}
	}
	for _, src := range sources {
		if src.Data == nil && src.Err == nil {
			inputs = append(inputs, outputFile{"the input profile", src.Path})
		}
		if src.Imported != nil {
			for _, f := range src.Imported.Files {
				inputs = append(inputs, outputFile{"the imported file", f})
			}
		}
	}
	for _, in := range inputs {
		info, err := os.Stat(in.path)
		if err != nil {
			continue
		}
		for _, o := range existing {
			if os.SameFile(o.info, info) {
				return usageError{fmt.Errorf("%s would overwrite %s %s; write the output to another file", o.label, in.label, render.Clean(in.path))}
			}
		}
	}
	return nil
}
