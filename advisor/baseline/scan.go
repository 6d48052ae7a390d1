// Package baseline compares a run's costs with a saved JSON result (score
// --compare-to) and reads saved results file by file (reformat), so neither has
// to hold a large result in memory.
package baseline

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/hybridadvisor/hybridadvisor/advisor/result"
)

// Visitor receives a saved result as it is read. Head is called once before the
// first file with the metadata read so far (a result written by this tool has it
// all: schema_version, tool, pricing and settings come before files); File once
// per file in order; Tail once at the end with everything but the files. A nil
// callback is skipped; an error from one stops the scan and is returned.
type Visitor struct {
	Head func(head *result.Result) error
	File func(f *result.File) error
	Tail func(tail *result.Result) error
}

// Scan reads a JSON result (the -o json output) with v, holding one file at a time.
func Scan(r io.Reader, v Visitor) error {
	dec := json.NewDecoder(r)
	if err := expectDelim(dec, '{'); err != nil {
		return err
	}
	res := &result.Result{Files: []result.File{}}
	headDone := false
	head := func() error {
		if headDone {
			return nil
		}
		headDone = true
		if res.SchemaVersion != 0 && (res.SchemaVersion < 1 || res.SchemaVersion > result.SchemaVersion) {
			return fmt.Errorf("schema_version %d is not supported (this version reads 1 to %d)", res.SchemaVersion, result.SchemaVersion)
		}
		if v.Head != nil {
			// Older files are upgraded as they are read (result.Upgrade), so the
			// head shows the version of what the visitor receives.
			h := *res
			if h.SchemaVersion != 0 {
				h.SchemaVersion = result.SchemaVersion
			}
			return v.Head(&h)
		}
		return nil
	}
	sawFiles := false
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return syntaxError(dec, err)
		}
		key, _ := tok.(string)
		var target any
		switch key {
		case "schema_version":
			target = &res.SchemaVersion
		case "tool":
			target = &res.Tool
		case "pricing":
			target = &res.Pricing
		case "settings":
			target = &res.Settings
		case "summary":
			target = &res.Summary
		case "diff":
			target = &res.Diff
		case "gates":
			target = &res.Gates
		case "files":
			sawFiles = true
			if err := head(); err != nil {
				return err
			}
			if err := scanFiles(dec, res.SchemaVersion, v.File); err != nil {
				return err
			}
			continue
		default:
			target = new(json.RawMessage) // a field from a newer version: skipped
		}
		if err := dec.Decode(target); err != nil {
			return fmt.Errorf("field %q: %w", key, syntaxError(dec, err))
		}
	}
	if err := expectDelim(dec, '}'); err != nil {
		return err
	}
	if !sawFiles || res.SchemaVersion == 0 {
		return errors.New("not a hybridadvisor JSON result (no schema_version or files); write one with -o json")
	}
	if err := head(); err != nil {
		return err
	}
	if v.Tail != nil {
		res.SchemaVersion = result.SchemaVersion // upgraded as read
		return v.Tail(res)
	}
	return nil
}

func scanFiles(dec *json.Decoder, version int, file func(*result.File) error) error {
	tok, err := dec.Token()
	if err != nil {
		return syntaxError(dec, err)
	}
	if tok == nil { // "files": null
		return nil
	}
	if d, ok := tok.(json.Delim); !ok || d != '[' {
		return fmt.Errorf("files: want an array at offset %d", dec.InputOffset())
	}
	for i := 0; dec.More(); i++ {
		var f result.File
		if err := dec.Decode(&f); err != nil {
			return fmt.Errorf("files[%d]: %w", i, syntaxError(dec, err))
		}
		result.Upgrade(&f, version)
		if file != nil {
			if err := file(&f); err != nil {
				return err
			}
		}
	}
	return expectDelim(dec, ']')
}

func expectDelim(dec *json.Decoder, want json.Delim) error {
	tok, err := dec.Token()
	if err != nil {
		return syntaxError(dec, err)
	}
	if d, ok := tok.(json.Delim); !ok || d != want {
		return fmt.Errorf("want %q at offset %d, found %v", want, dec.InputOffset(), tok)
	}
	return nil
}

func syntaxError(dec *json.Decoder, err error) error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return errors.New("unexpected end of JSON (is the file complete?)")
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("invalid JSON at offset %d: %s", se.Offset, se.Error())
	}
	return err
}
