package main

import (
	"fmt"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/hybridadvisor/hybridadvisor/advisor"
	"github.com/hybridadvisor/hybridadvisor/advisor/profile"
	"github.com/hybridadvisor/hybridadvisor/advisor/render"
)

// profileSources lists the embedded examples asked for, then the files under
// args, and the directory entries that were skipped (see advisor.Discover).
func profileSources(examples, args []string) ([]advisor.Source, []advisor.Skipped, error) {
	var sources []advisor.Source
	for _, name := range examples {
		src, ok := profile.Template(name)
		if !ok {
			return nil, nil, usageError{fmt.Errorf("unknown example %q (known: %s)", name, strings.Join(templateNames(), ", "))}
		}
		sources = append(sources, advisor.Source{Path: "example:" + name, Data: src})
	}
	found, skipped := advisor.Discover(args)
	return append(sources, found...), skipped, nil
}

// noteSkipped prints one line for the YAML files that directory walks passed
// over as not hybridadvisor profiles, with the first of them, and one line per
// other entry that was not read.
func noteSkipped(io *streams, skipped []advisor.Skipped) {
	var notProfiles []string
	for _, s := range skipped {
		if s.Reason == advisor.NotAProfile {
			notProfiles = append(notProfiles, s.Path)
			continue
		}
		fmt.Fprintf(io.err, "hybridadvisor: skipped %s: %s\n", render.Clean(s.Path), render.Clean(s.Reason))
	}
	switch n := len(notProfiles); n {
	case 0:
	case 1:
		fmt.Fprintf(io.err, "hybridadvisor: skipped 1 YAML file that is not a hybridadvisor profile (%s)\n", render.Clean(notProfiles[0]))
	default:
		fmt.Fprintf(io.err, "hybridadvisor: skipped %d YAML files that are not hybridadvisor profiles (first: %s)\n", n, render.Clean(notProfiles[0]))
	}
}

func templateNames() []string {
	var names []string
	for _, t := range profile.Templates() {
		names = append(names, t.Name)
	}
	sort.Strings(names)
	return names
}

func completeTemplates(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return templateNames(), cobra.ShellCompDirectiveNoFileComp
}

func fixedCompletion(values ...string) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return values, cobra.ShellCompDirectiveNoFileComp
	}
}
