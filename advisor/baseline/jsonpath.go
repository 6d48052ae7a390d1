package baseline

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"github.com/hybridadvisor/hybridadvisor/advisor/result"
)

// walker scans one JSON value that encoding/json has already accepted (so it
// is well formed and at most 10,000 levels deep), keeping the path of the value
// it is in: the errors of a saved result name the place, such as
// files[2].architecture.components[0].line.
type walker struct {
	src   []byte
	i     int
	stack []seg
	// visit is called after each value with its byte range and first byte;
	// returning false stops the walk.
	visit   func(w *walker, start, end int) bool
	stopped bool
}

type seg struct {
	key   string
	index int // -1 for a key
}

func (w *walker) path() string {
	p := ""
	for _, s := range w.stack {
		if s.index >= 0 {
			p += "[" + strconv.Itoa(s.index) + "]"
		} else if k := result.PathKey(s.key); p == "" || strings.HasPrefix(k, "[") {
			p += k
		} else {
			p += "." + k
		}
	}
	return p
}

// keys are the keys of the path, without the indices.
func (w *walker) keys() []string {
	var out []string
	for _, s := range w.stack {
		if s.index < 0 {
			out = append(out, s.key)
		}
	}
	return out
}

func (w *walker) space() {
	for w.i < len(w.src) {
		switch w.src[w.i] {
		case ' ', '\t', '\n', '\r':
			w.i++
		default:
			return
		}
	}
}

// str skips a string at w.i and returns its raw contents (escapes kept).
func (w *walker) str() []byte {
	start := w.i + 1
	for j := start; j < len(w.src); j++ {
		switch w.src[j] {
		case '\\':
			j++
		case '"':
			w.i = j + 1
			return w.src[start:j]
		}
	}
	w.i = len(w.src)
	return w.src[start:]
}

func (w *walker) value() {
	if w.stopped {
		return
	}
	w.space()
	start := w.i
	if w.i >= len(w.src) {
		return
	}
	switch w.src[w.i] {
	case '{':
		w.i++
		for !w.stopped {
			w.space()
			if w.i >= len(w.src) || w.src[w.i] == '}' {
				w.i++
				break
			}
			if w.src[w.i] == ',' {
				w.i++
				continue
			}
			raw := w.str()
			key := string(raw)
			if strings.ContainsRune(key, '\\') {
				_ = json.Unmarshal(append(append([]byte{'"'}, raw...), '"'), &key)
			}
			w.space()
			w.i++ // ':'
			w.stack = append(w.stack, seg{key: key, index: -1})
			w.value()
			w.stack = w.stack[:len(w.stack)-1]
		}
	case '[':
		w.i++
		for n := 0; !w.stopped; n++ {
			w.space()
			if w.i >= len(w.src) || w.src[w.i] == ']' {
				w.i++
				break
			}
			if w.src[w.i] == ',' {
				w.i++
				n--
				continue
			}
			w.stack = append(w.stack, seg{index: n})
			w.value()
			w.stack = w.stack[:len(w.stack)-1]
		}
	case '"':
		w.str()
	default:
		for w.i < len(w.src) && !strings.ContainsRune(",]} \t\n\r", rune(w.src[w.i])) {
			w.i++
		}
	}
	if !w.stopped && w.visit != nil && !w.visit(w, start, w.i) {
		w.stopped = true
	}
}

// pathAt is the path of the innermost value of raw around byte offset off (as
// encoding/json reports it: just inside an object or array, just after a
// literal).
func pathAt(raw []byte, off int64) string {
	best, bestLen := "", -1
	w := &walker{src: raw, visit: func(w *walker, start, end int) bool {
		if int64(start) < off && off <= int64(end) && (bestLen < 0 || end-start < bestLen) {
			best, bestLen = w.path(), end-start
		}
		return true
	}}
	w.value()
	return best
}

func short(b []byte) string {
	if len(b) > 40 {
		return string(b[:37]) + "..."
	}
	return string(b)
}

// describe turns an encoding/json error from unmarshalling raw (the value at
// path prefix) into a FieldError naming the place.
func describe(raw []byte, prefix string, err error) error {
	te, ok := err.(*json.UnmarshalTypeError)
	if !ok {
		return result.At(prefix, err)
	}
	if te.Offset > 0 {
		return result.At(prefix, &result.FieldError{Path: pathAt(raw, te.Offset), Msg: fmt.Sprintf("want %s, found %s", jsonKind(te.Type), te.Value)})
	}
	// Money and Number fail in their UnmarshalJSON, which knows no offset:
	// encoding/json gives the field path without indices or map keys.
	where, lit := locate(raw, strings.Split(te.Field, "."), te.Value)
	msg := fmt.Sprintf("want a number, found %s", te.Value)
	if lit != "" {
		msg = fmt.Sprintf("number %s is out of range (a result's amounts are below 10^30 with at most 40 decimals)", lit)
	}
	return result.At(prefix, &result.FieldError{Path: where, Msg: msg})
}

// locate finds the value that failed: the first (decoding goes in document
// order and stops at it) of the kind that UnmarshalTypeError's value names
// ("string", "number 1e99", ...) whose keys hold field's keys in order, ending
// with the same key. For a number it returns the literal too. The field path
// itself stands in when nothing matches.
func locate(raw []byte, field []string, value string) (path, literal string) {
	number, isNumber := strings.CutPrefix(value, "number ")
	w := &walker{src: raw, visit: func(w *walker, start, end int) bool {
		v := raw[start:end]
		switch {
		case isNumber && !(len(v) > 0 && (v[0] == '-' || v[0] >= '0' && v[0] <= '9') && strings.HasPrefix(string(v), number)):
			return true
		case !isNumber && !kindMatches(v[0], value):
			return true
		}
		keys := w.keys()
		if len(keys) == 0 || keys[len(keys)-1] != field[len(field)-1] {
			return true
		}
		j := 0
		for _, k := range keys {
			if j < len(field) && k == field[j] {
				j++
			}
		}
		if j < len(field) {
			return true
		}
		path = w.path()
		if isNumber {
			literal = short(v)
		}
		return false
	}}
	w.value()
	if path == "" {
		return strings.Join(field, "."), ""
	}
	return path, literal
}

func kindMatches(first byte, kind string) bool {
	switch kind {
	case "string":
		return first == '"'
	case "object":
		return first == '{'
	case "array":
		return first == '['
	case "bool":
		return first == 't' || first == 'f'
	}
	return false
}

// jsonKind names what a Go type reads from JSON.
func jsonKind(t reflect.Type) string {
	if t == nil {
		return "another type"
	}
	if t == reflect.TypeFor[result.Money]() || t == reflect.TypeFor[result.Number]() {
		return "a number"
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Map, reflect.Struct:
		return "an object"
	case reflect.Pointer:
		return jsonKind(t.Elem())
	}
	return t.String()
}
