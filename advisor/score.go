package advisor

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/hybridadvisor/hybridadvisor/advisor/profile"
	"github.com/hybridadvisor/hybridadvisor/advisor/result"
	"github.com/hybridadvisor/hybridadvisor/advisor/safeio"
)

// Version is set by the linker for releases (-ldflags "-X ...advisor.Version=v1.2.3").
var Version = "dev"

// Expand is Discover without the notices of what was skipped.
func Expand(paths []string) []Source {
	sources, _ := Discover(paths)
	return sources
}

// Skipped is a directory entry Discover did not read, and why.
type Skipped struct{ Path, Reason string }

// NotAProfile is the Reason of a YAML file in a directory that is not a
// hybridadvisor profile (a Kubernetes manifest, a compose file, a workflow).
const NotAProfile = "not a hybridadvisor profile"

// Discover turns the command-line paths into the list of profile files, in
// order: each argument in turn, a directory's *.yaml/*.yml files recursively in
// lexical order (hidden directories left out). Problems become error entries so
// one bad path never hides the rest.
//
// In a directory only regular files are read. A symbolic link to a regular file
// inside the directory given is followed; one leading out of it (a profile
// named env.yaml linking to ../secret.env) or to something else than a regular
// file is skipped, as are named pipes, devices and sockets (a FIFO would block
// the read) and links to directories (not followed, so no loops). YAML files
// that are not profiles (see profile.LooksLikeProfile) are skipped too. Each
// skipped entry is returned with its reason; the caller prints a notice. A path
// given on the command line is read as given (links followed), but only if it
// is a regular file.
//
// Infrastructure files where a profile is expected are imported on the fly
// (issue #17): a file given that is no profile but a Compose file, Kubernetes
// manifests, a serverless.yml, a SAM/CloudFormation template or Terraform,
// and a directory holding no profile but such files, become one Source whose
// Data is the draft and whose Imported maps its lines back to the files.
func Discover(paths []string) ([]Source, []Skipped) {
	var out []Source
	var skipped []Skipped
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			out = append(out, Source{Path: p, Err: fmt.Errorf("cannot read %s: %s", p, reason(err))})
			continue
		}
		if !info.IsDir() {
			if imported, ok := importOnTheFly(p, false); ok {
				out = append(out, imported...)
				continue
			}
			out = append(out, Source{Path: p})
			continue
		}
		root, err := filepath.EvalSymlinks(p)
		if err != nil {
			out = append(out, Source{Path: p, Err: fmt.Errorf("cannot read %s: %s", p, reason(err))})
			continue
		}
		walkRoot := p
		if li, err := os.Lstat(p); err == nil && li.Mode()&fs.ModeSymlink != 0 {
			// WalkDir does not follow a link it is given; a trailing separator
			// makes the directory itself the root.
			walkRoot = p + string(filepath.Separator)
		}
		var found []string
		walkErr := filepath.WalkDir(walkRoot, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				out = append(out, Source{Path: path, Err: fmt.Errorf("cannot read %s: %s", path, reason(err))})
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				if path != walkRoot && strings.HasPrefix(d.Name(), ".") {
					return fs.SkipDir // .git and friends
				}
				return nil
			}
			isProfile := func() bool {
				ext := strings.ToLower(filepath.Ext(path))
				return ext == ".yaml" || ext == ".yml"
			}
			switch mode := d.Type(); {
			case mode.IsRegular():
				if !isProfile() {
					break
				}
				if !isProfileFile(path) {
					skipped = append(skipped, Skipped{Path: path, Reason: NotAProfile})
				} else {
					found = append(found, path)
				}
			case mode&fs.ModeSymlink != 0:
				if why := linkProblem(root, p, path, isProfile()); why != "" {
					skipped = append(skipped, Skipped{Path: path, Reason: why})
				} else if isProfile() {
					if !isProfileFile(path) {
						skipped = append(skipped, Skipped{Path: path, Reason: NotAProfile})
					} else {
						found = append(found, path)
					}
				}
			case isProfile():
				skipped = append(skipped, Skipped{Path: path, Reason: "not a regular file (" + safeio.Kind(mode) + ")"})
			}
			return nil
		})
		if walkErr != nil {
			out = append(out, Source{Path: p, Err: walkErr})
		}
		sort.Strings(found)
		if len(found) == 0 {
			if imported, ok := importOnTheFly(p, true); ok {
				out = append(out, imported...)
				skipped = slices.DeleteFunc(skipped, func(s Skipped) bool { return s.Reason == NotAProfile && within(p, s.Path) })
				continue
			}
			out = append(out, Source{Path: p, Err: noProfiles(p, skipped)})
		}
		for _, f := range found {
			out = append(out, Source{Path: f})
		}
	}
	return out, skipped
}

// linkProblem says why the symbolic link at path, found under the directory
// given as arg (root once resolved), is not read; "" when it is a link to a
// regular file inside root (then it is read if profile says it is a profile).
// A link to a directory is reported whatever its name: what is under it is not
// scanned.
func linkProblem(root, arg, path string, profile bool) string {
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		if profile {
			return "a broken symbolic link"
		}
		return ""
	}
	info, err := os.Stat(real)
	if err != nil {
		return ""
	}
	switch {
	case info.IsDir():
		return "a symbolic link to a directory (not followed)"
	case !profile:
		return ""
	case !safeio.Within(root, real):
		return "a symbolic link to a file outside " + arg
	case !info.Mode().IsRegular():
		return "a symbolic link to " + safeio.Kind(info.Mode()) + ", not a regular file"
	}
	return ""
}

// Source is one input file, or a path that could not be used.
type Source struct {
	Path string
	Err  error
	// Data, when set, is used instead of reading Path (embedded examples, the TUI).
	Data []byte
	// Imported, when set, says Data is a draft imported on the fly from the
	// infrastructure files at Path; positions in results point at them.
	Imported *Imported
}

func reason(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// BatchOptions shape a streamed batch.
type BatchOptions struct {
	// Jobs is the number of workers sharing the prepared queries; 0 means GOMAXPROCS.
	Jobs int
	// Window caps how many sources are being scored or waiting for their turn to be
	// emitted; 0 means 4 per worker. Memory is bounded by it, not by the batch.
	Window int
	// Regions are defaults (cloud -> region) for the clouds a profile does not name,
	// e.g. from the config file. A region written in the profile always wins.
	Regions map[string]string
	// DefaultsFrom names where Regions and FreeTier came from, for the assumptions it records.
	DefaultsFrom string
	// FreeTier, when set, is the default for profiles that do not set
	// assumptions.free_tier (Options.FreeTier overrides every profile instead).
	FreeTier *bool
}

// Score scores every source with a pool of jobs workers sharing the prepared
// queries and returns the whole result, files in the order of sources whatever
// jobs is. Batch callers that may see many files should use Stream.
func (a *Advisor) Score(ctx context.Context, sources []Source, jobs int) *result.Result {
	return a.ScoreBatch(ctx, sources, BatchOptions{Jobs: jobs})
}

// ScoreBatch is Score with the batch's options (the config's defaults for profiles).
func (a *Advisor) ScoreBatch(ctx context.Context, sources []Source, opts BatchOptions) *result.Result {
	res := a.NewResult()
	_ = a.Stream(ctx, sources, opts, func(files []result.File) error {
		res.Files = append(res.Files, files...)
		return nil
	})
	res.Summarise()
	return res
}

// Stream scores sources with a pool of workers and calls emit with each source's
// files in input order, as soon as that source and every one before it are done.
// Workers run ahead of emit by at most the window, so a batch of any size is scored
// in bounded memory and the output is the same whatever the number of workers.
// emit runs on the calling goroutine, one call at a time; an error from it stops
// the batch (sources in flight are finished and dropped) and is returned. A
// cancelled ctx stops the batch with ctx's error.
func (a *Advisor) Stream(ctx context.Context, sources []Source, opts BatchOptions, emit func(files []result.File) error) error {
	jobs := opts.Jobs
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	jobs = max(1, min(jobs, len(sources)))
	window := opts.Window
	if window <= 0 {
		window = 4 * jobs
	}
	window = max(window, jobs)

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	type scored struct {
		i     int
		files []result.File
	}
	// done never blocks a worker: at most window sources hold a slot, and each
	// sends exactly once.
	done := make(chan scored, window)
	slots := make(chan struct{}, window)
	// One reader goroutine reads the files ahead of the workers, in order and
	// within the window: a worker blocked in a read would leave its CPU idle
	// (about 5% of a batch of small files).
	type job struct {
		i    int
		src  Source
		read error
	}
	ready := make(chan job, window)
	go func() {
		defer close(ready)
		for i, src := range sources {
			select {
			case slots <- struct{}{}:
			case <-ctx.Done():
				return
			}
			j := job{i: i, src: src}
			if src.Err == nil && src.Data == nil {
				j.src.Data, j.read = profile.ReadFile(src.Path)
			}
			select {
			case ready <- j:
			case <-ctx.Done():
				return
			}
		}
	}()

	var wg sync.WaitGroup
	for range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range ready {
				if streamHook != nil {
					streamHook("start", j.i)
				}
				if j.read != nil {
					done <- scored{j.i, []result.File{errorFile(j.src.Path, 0, parseErrors(j.read))}}
					continue
				}
				done <- scored{j.i, a.scoreSource(ctx, j.src, opts)}
			}
		}()
	}
	go func() {
		wg.Wait()
		close(done)
	}()

	pending := make(map[int][]result.File, window)
	emitted := 0
	var emitErr error
	for d := range done {
		if emitErr != nil {
			continue // drain what was in flight
		}
		pending[d.i] = d.files
		for {
			files, ok := pending[emitted]
			if !ok {
				break
			}
			delete(pending, emitted)
			if streamHook != nil {
				streamHook("emit", emitted)
			}
			emitted++
			<-slots
			if err := emit(files); err != nil {
				emitErr = err
				cancel()
				break
			}
		}
	}
	if emitErr != nil {
		return emitErr
	}
	if emitted < len(sources) {
		if err := ctx.Err(); err != nil {
			return err
		}
		return fmt.Errorf("scored %d of %d sources", emitted, len(sources))
	}
	return nil
}

// streamHook, set by tests, sees each source start and each emit.
var streamHook func(event string, i int)

// Tally accumulates a streamed result's summary file by file; its Summary is the
// one Result.Summarise computes over the same files.
type Tally struct {
	sum   result.Summary
	paths map[string]struct{}
}

// NewTally starts an empty summary.
func NewTally() *Tally {
	t := &Tally{sum: result.Summary{Findings: map[string]int{}}, paths: map[string]struct{}{}}
	for _, sev := range result.Severities {
		t.sum.Findings[sev] = 0
	}
	return t
}

// Add counts one file.
func (t *Tally) Add(f *result.File) {
	t.paths[f.Path] = struct{}{}
	if f.Error != nil {
		t.sum.Errors++
	}
	if f.Architecture == nil {
		return
	}
	for _, c := range f.Architecture.Components {
		t.sum.Components++
		for _, fd := range c.Findings {
			if fd.Waived {
				t.sum.Waived++
			} else {
				t.sum.Findings[fd.Severity]++
			}
		}
	}
}

// Summary returns the counts so far.
func (t *Tally) Summary() result.Summary {
	s := t.sum
	s.Files = len(t.paths)
	s.Findings = make(map[string]int, len(t.sum.Findings))
	for k, v := range t.sum.Findings {
		s.Findings[k] = v
	}
	return s
}

// PricingInfo identifies the price tables the advisor prices with.
func (a *Advisor) PricingInfo() result.PricingInfo {
	return result.PricingInfo{Version: a.book.Version(), AsOf: a.book.AsOf()}
}

// NewResult is an empty result carrying the run's metadata.
func (a *Advisor) NewResult() *result.Result {
	res := &result.Result{
		SchemaVersion: result.SchemaVersion,
		Tool:          result.Tool{Name: "hybridadvisor", Version: Version},
		Pricing:       a.PricingInfo(),
		Settings:      result.Settings{Clouds: a.clouds, FreeTier: a.opts.FreeTier},
		Files:         []result.File{},
	}
	return res
}

// ScoreSource parses and scores one file: one entry per YAML document, or one
// entry carrying the file's errors.
func (a *Advisor) ScoreSource(ctx context.Context, src Source) []result.File {
	return a.scoreSource(ctx, src, BatchOptions{})
}

func (a *Advisor) scoreSource(ctx context.Context, src Source, opts BatchOptions) []result.File {
	if src.Err != nil {
		return []result.File{errorFile(src.Path, 0, []result.Error{{Message: src.Err.Error()}})}
	}
	var (
		f   *profile.File
		err error
	)
	if src.Data != nil {
		f, err = profile.Parse(src.Path, src.Data)
	} else {
		f, err = profile.ParseFile(src.Path)
	}
	if err != nil {
		return []result.File{errorFile(src.Path, 0, parseErrors(err))}
	}
	out := make([]result.File, 0, len(f.Architectures))
	for _, arch := range f.Architectures {
		doc := 0
		if len(f.Architectures) > 1 {
			doc = arch.Document
		}
		ra, err := a.ArchitectureWith(ctx, arch, opts)
		if err != nil {
			var ie *InputError
			if errors.As(err, &ie) {
				out = append(out, errorFile(src.Path, doc, []result.Error{{Message: ie.Message, Line: ie.Pos.Line, Column: ie.Pos.Column}}))
			} else {
				out = append(out, errorFile(src.Path, doc, []result.Error{{Message: err.Error()}}))
			}
			continue
		}
		if src.Imported != nil {
			relocate(ra, src.Imported)
		}
		out = append(out, result.File{Path: src.Path, Document: doc, Architecture: ra})
	}
	return out
}

func parseErrors(err error) []result.Error {
	var list profile.Errors
	if errors.As(err, &list) && len(list) > 0 {
		out := make([]result.Error, 0, len(list))
		for _, e := range list {
			out = append(out, result.Error{Message: e.Message, Line: e.Line, Column: e.Column})
		}
		return out
	}
	var one *profile.Error
	if errors.As(err, &one) {
		return []result.Error{{Message: one.Message, Line: one.Line, Column: one.Column}}
	}
	return []result.Error{{Message: err.Error()}}
}

func errorFile(path string, doc int, errs []result.Error) result.File {
	first := errs[0]
	f := result.File{Path: path, Document: doc, Error: &first}
	if len(errs) > 1 {
		f.Errors = errs
	}
	return f
}
