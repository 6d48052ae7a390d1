// Package baseline compares a run's costs with a saved JSON result (score
// --compare-to) and reads saved results file by file (reformat), so neither has
// to hold a large result in memory.
package baseline

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"

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

// Scan reads a JSON result (the -o json output) with v, holding one file at a
// time. A saved result may come from anyone, so everything is checked as it is
// read, and the first problem stops the scan with an error that names its JSON
// path (files[2].architecture.components[0].name: ...): the JSON types, the
// schema version (known, and before "files"), numbers within
// result.ParseNumber's bounds, and what every writer relies on
// (result.ValidateFile, ValidateHead, ValidateTail). Keys it does not know are
// skipped, for results of a newer version.
func Scan(r io.Reader, v Visitor) error {
	rec := &recorder{r: r}
	dec := json.NewDecoder(rec)
	if err := expectDelim(dec, '{'); err != nil {
		return err
	}
	res := &result.Result{Files: []result.File{}}
	seen := map[string]bool{}
	headDone := false
	head := func() error {
		if headDone {
			return nil
		}
		headDone = true
		if err := result.ValidateHead(res); err != nil {
			return err
		}
		if v.Head != nil {
			// Older files are upgraded as they are read (result.Upgrade), so the
			// head shows the version of what the visitor receives.
			h := *res
			h.SchemaVersion = result.SchemaVersion
			return v.Head(&h)
		}
		return nil
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return syntaxError(dec, err)
		}
		key, _ := tok.(string)
		if seen[key] {
			return fmt.Errorf("%s: the key appears twice", result.PathKey(key))
		}
		seen[key] = true
		var target any
		switch key {
		case "schema_version":
			if err := decodeField(dec, key, &res.SchemaVersion); err != nil {
				return err
			}
			if res.SchemaVersion < 1 || res.SchemaVersion > result.SchemaVersion {
				return fmt.Errorf("schema_version: %d is not supported (this version reads 1 to %d)", res.SchemaVersion, result.SchemaVersion)
			}
			continue
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
			if res.SchemaVersion == 0 {
				return errors.New(`not a hybridadvisor JSON result: "schema_version" must come before "files" (write one with -o json)`)
			}
			if err := head(); err != nil {
				return err
			}
			if err := scanFiles(dec, rec, res.SchemaVersion, v.File); err != nil {
				return err
			}
			continue
		default:
			target = new(json.RawMessage) // a field from a newer version: skipped
		}
		if err := decodeField(dec, key, target); err != nil {
			return err
		}
	}
	if err := expectDelim(dec, '}'); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("unexpected data after the result's closing brace")
	}
	if !seen["files"] {
		return errors.New(`not a hybridadvisor JSON result (no "schema_version" and "files"); write one with -o json`)
	}
	if err := result.ValidateHead(res); err != nil { // keys after "files" too
		return err
	}
	if err := result.ValidateTail(res); err != nil {
		return err
	}
	if v.Tail != nil {
		res.SchemaVersion = result.SchemaVersion // upgraded as read
		return v.Tail(res)
	}
	return nil
}

// decodeField reads the value of a top-level key into target, checking its
// numbers and types.
func decodeField(dec *json.Decoder, key string, target any) error {
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		return fmt.Errorf("%s: %w", result.PathKey(key), syntaxError(dec, err))
	}
	if _, skipped := target.(*json.RawMessage); skipped {
		return nil
	}
	return unmarshal(raw, result.PathKey(key), target)
}

func unmarshal(raw []byte, path string, target any) error {
	if err := json.Unmarshal(raw, target); err != nil {
		return describe(raw, path, err)
	}
	return nil
}

// scanFiles decodes each file straight from the stream; only when one fails
// are its bytes (kept by rec) decoded again to name the place.
func scanFiles(dec *json.Decoder, rec *recorder, version int, file func(*result.File) error) error {
	tok, err := dec.Token()
	if err != nil {
		return fmt.Errorf("files: %w", syntaxError(dec, err))
	}
	if d, ok := tok.(json.Delim); !ok || d != '[' {
		return fmt.Errorf("files: want an array, found %s", tokenKind(tok))
	}
	for i := 0; dec.More(); i++ {
		path := "files[" + strconv.Itoa(i) + "]"
		start := dec.InputOffset()
		rec.keepFrom(start)
		var f result.File
		if err := dec.Decode(&f); err != nil {
			var te *json.UnmarshalTypeError
			if !errors.As(err, &te) {
				return result.At(path, syntaxError(dec, err))
			}
			raw := bytes.TrimLeft(rec.slice(start, dec.InputOffset()), " \t\r\n,")
			if len(raw) == 0 || raw[0] != '{' {
				return &result.FieldError{Path: path, Msg: "want an object, found " + kindOf(raw)}
			}
			return unmarshal(raw, path, new(result.File))
		}
		if err := result.ValidateFile(&f); err != nil {
			return result.At(path, err)
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

// recorder keeps what a json.Decoder reads from the start of the current file,
// so that a file that fails can be decoded again for its error's path.
type recorder struct {
	r    io.Reader
	buf  []byte
	base int64 // the stream offset of buf[0]
}

func (rc *recorder) Read(p []byte) (int, error) {
	n, err := rc.r.Read(p)
	rc.buf = append(rc.buf, p[:n]...)
	return n, err
}

// keepFrom drops what precedes stream offset off.
func (rc *recorder) keepFrom(off int64) {
	if d := off - rc.base; d > 0 && d <= int64(len(rc.buf)) {
		rc.buf = rc.buf[:copy(rc.buf, rc.buf[d:])]
		rc.base = off
	}
}

// slice returns the bytes between two stream offsets (as far as they were read).
func (rc *recorder) slice(from, to int64) []byte {
	from, to = max(from-rc.base, 0), min(to-rc.base, int64(len(rc.buf)))
	if from >= to {
		return nil
	}
	return rc.buf[from:to]
}

// kindOf names the JSON type of a raw value for messages.
func kindOf(raw []byte) string {
	if len(raw) == 0 {
		return "nothing"
	}
	switch c := raw[0]; {
	case c == '{':
		return "an object"
	case c == '[':
		return "an array"
	case c == '"':
		return "a string"
	case c == 't' || c == 'f':
		return "true or false"
	case c == 'n':
		return "null"
	}
	return "a number"
}

// tokenKind names a token from json.Decoder.Token for messages.
func tokenKind(tok json.Token) string {
	switch t := tok.(type) {
	case json.Delim:
		return string(t)
	case string:
		return "a string"
	case bool:
		return "true or false"
	case nil:
		return "null"
	}
	return "a number"
}

func expectDelim(dec *json.Decoder, want json.Delim) error {
	tok, err := dec.Token()
	if err != nil {
		return syntaxError(dec, err)
	}
	if d, ok := tok.(json.Delim); !ok || d != want {
		return fmt.Errorf("want %q at offset %d, found %s", string(want), dec.InputOffset(), tokenKind(tok))
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
