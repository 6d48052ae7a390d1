package advisor

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/hybridadvisor/hybridadvisor/advisor/profile"
	"github.com/hybridadvisor/hybridadvisor/advisor/result"
)

// Version is set by the linker for releases (-ldflags "-X ...advisor.Version=v1.2.3").
var Version = "dev"

// Expand turns the command-line paths into the list of profile files, in order:
// each argument in turn, a directory's *.yaml/*.yml files recursively in lexical
// order. Problems become error entries so one bad path never hides the rest.
func Expand(paths []string) []Source {
	var out []Source
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			out = append(out, Source{Path: p, Err: fmt.Errorf("cannot read %s: %s", p, reason(err))})
			continue
		}
		if !info.IsDir() {
			out = append(out, Source{Path: p})
			continue
		}
		var found []string
		walkErr := filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				out = append(out, Source{Path: path, Err: fmt.Errorf("cannot read %s: %s", path, reason(err))})
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				if path != p && strings.HasPrefix(d.Name(), ".") {
					return fs.SkipDir // .git and friends
				}
				return nil
			}
			if ext := strings.ToLower(filepath.Ext(path)); ext == ".yaml" || ext == ".yml" {
				found = append(found, path)
			}
			return nil
		})
		if walkErr != nil {
			out = append(out, Source{Path: p, Err: walkErr})
		}
		sort.Strings(found)
		if len(found) == 0 {
			out = append(out, Source{Path: p, Err: fmt.Errorf("no profiles (*.yaml or *.yml files) under %s", p)})
		}
		for _, f := range found {
			out = append(out, Source{Path: f})
		}
	}
	return out
}

// Source is one input file, or a path that could not be used.
type Source struct {
	Path string
	Err  error
	// Data, when set, is used instead of reading Path (embedded examples, the TUI).
	Data []byte
}

func reason(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// Score scores every source with a pool of jobs workers sharing the prepared
// queries. The result lists files in the order of sources whatever jobs is.
func (a *Advisor) Score(ctx context.Context, sources []Source, jobs int) *result.Result {
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	perSource := make([][]result.File, len(sources))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < jobs; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				perSource[i] = a.ScoreSource(ctx, sources[i])
			}
		}()
	}
	for i := range sources {
		next <- i
	}
	close(next)
	wg.Wait()

	res := a.NewResult()
	for _, files := range perSource {
		res.Files = append(res.Files, files...)
	}
	res.Summarise()
	return res
}

// NewResult is an empty result carrying the run's metadata.
func (a *Advisor) NewResult() *result.Result {
	res := &result.Result{
		SchemaVersion: result.SchemaVersion,
		Tool:          result.Tool{Name: "hybridadvisor", Version: Version},
		Pricing:       result.PricingInfo{Version: a.book.Version(), AsOf: a.book.AsOf()},
		Settings:      result.Settings{Clouds: a.clouds, FreeTier: a.opts.FreeTier},
		Files:         []result.File{},
	}
	return res
}

// ScoreSource parses and scores one file: one entry per YAML document, or one
// entry carrying the file's errors.
func (a *Advisor) ScoreSource(ctx context.Context, src Source) []result.File {
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
		ra, err := a.Architecture(ctx, arch)
		if err != nil {
			var ie *InputError
			if errors.As(err, &ie) {
				out = append(out, errorFile(src.Path, doc, []result.Error{{Message: ie.Message, Line: ie.Pos.Line, Column: ie.Pos.Column}}))
			} else {
				out = append(out, errorFile(src.Path, doc, []result.Error{{Message: err.Error()}}))
			}
			continue
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
