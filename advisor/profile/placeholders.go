package profile

import "bytes"

// ImportMarker starts the comment `hybridadvisor import` writes after every
// value it could not find in the sources (docs/import.md).
const ImportMarker = "# TODO: not in the sources"

// markPlaceholders records, per architecture, the lines of src holding an
// import placeholder. A document owns the lines from its start to the next
// document's. One scan of the text, and none at all without the marker.
func markPlaceholders(src []byte, archs []*Architecture) {
	if len(archs) == 0 || !bytes.Contains(src, []byte(ImportMarker)) {
		return
	}
	line := 0
	for rest := src; len(rest) > 0; {
		line++
		text := rest
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			text, rest = rest[:i], rest[i+1:]
		} else {
			rest = nil
		}
		col := bytes.Index(text, []byte(ImportMarker))
		if col < 0 {
			continue
		}
		owner := archs[0]
		for _, a := range archs[1:] {
			if a.Pos.Line <= line {
				owner = a
			}
		}
		owner.Placeholders = append(owner.Placeholders, Pos{Line: line, Column: col + 1})
	}
}
