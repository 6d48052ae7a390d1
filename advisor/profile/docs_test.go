package profile

import (
	"os"
	"strings"
	"testing"
)

// TestDocsFieldReference keeps docs/profile.md's field tables in step with the
// field table: every object has a section, every key a row in order, and the
// default column matches.
func TestDocsFieldReference(t *testing.T) {
	raw, err := os.ReadFile("../../docs/profile.md")
	if err != nil {
		t.Fatal(err)
	}
	sections := map[string][]string{} // heading -> table rows
	var cur string
	for _, l := range strings.Split(string(raw), "\n") {
		if h, ok := strings.CutPrefix(l, "#### "); ok {
			cur = strings.Trim(h, "`")
			sections[cur] = nil
			continue
		}
		if cur != "" && strings.HasPrefix(l, "| `") {
			sections[cur] = append(sections[cur], l)
		}
	}
	var walk func(heading string, f *field)
	walk = func(heading string, f *field) {
		rows, ok := sections[heading]
		if !ok {
			t.Errorf("docs/profile.md has no section #### `%s`", heading)
			return
		}
		if len(rows) != len(f.fields) {
			t.Errorf("section %s: %d rows, want %d", heading, len(rows), len(f.fields))
		}
		for i, c := range f.fields {
			if i >= len(rows) {
				break
			}
			cols := strings.Split(rows[i], " | ")
			if len(cols) < 4 || cols[0] != "| `"+c.key+"`" {
				t.Errorf("section %s row %d = %q, want key %s", heading, i, rows[i], c.key)
				continue
			}
			want := c.def
			switch {
			case c.required:
				want = "**required**"
			case c.derive != nil:
				want = "derived"
			case want == "":
				want = "—"
			}
			if cols[2] != want {
				t.Errorf("%s.%s: default column %q, want %q", heading, c.key, cols[2], want)
			}
		}
		for _, c := range f.fields {
			sub := strings.TrimPrefix(heading+"."+c.key, "top level.")
			switch c.kind {
			case kObject:
				walk(sub, c)
			case kList:
				walk(sub+"[]", c.item)
			}
		}
	}
	walk("top level", specRoot)
}
