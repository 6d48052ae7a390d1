// Package render writes a result in the formats people and CI systems read. Every
// format renders from result.Result, never from the engine's internals.
package render

import (
	"encoding/json"
	"io"

	"github.com/hybridadvisor/hybridadvisor/advisor/result"
	"github.com/hybridadvisor/hybridadvisor/advisor/safetext"
)

// JSON writes the result contract, indented, with a trailing newline.
func JSON(w io.Writer, r *result.Result) error {
	g := safetext.GuardJSON(w)
	enc := json.NewEncoder(g)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r); err != nil {
		return err
	}
	return g.Flush()
}
