package render_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/hybridadvisor/hybridadvisor/advisor/render"
)

// TestTableFitsTheWidth renders the fixture (the embedded examples) at 80, 100 and 120
// columns: outside -v no line is wider than the width except a single word longer than the
// room (a path), and the output is pinned by a golden file per width.
func TestTableFitsTheWidth(t *testing.T) {
	r := loadFixture(t)
	for _, width := range []int{80, 100, 120} {
		var buf bytes.Buffer
		if err := render.Table(&buf, r, render.TableOptions{Width: width}); err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(buf.String(), "\n") {
			if n := utf8.RuneCountInString(line); n > width && strings.Contains(strings.TrimSpace(line), " ") && !strings.Contains(line, ".yaml") {
				t.Errorf("width %d, line %d is %d wide: %q", width, i+1, n, line)
			}
		}
		golden(t, fmt.Sprintf("table-%d.txt", width), buf.Bytes())
	}
}

func TestWrap(t *testing.T) {
	for _, c := range []struct {
		text             string
		width, used, ind int
		want             string
	}{
		{"a b c", 100, 0, 0, "a b c"},
		{"", 80, 30, 9, ""},
		{"aaaa bbbb cccc", 30, 20, 2, "aaaa bbbb\n  cccc"}, // 20+4, +5 = 29 fits in 30; cccc does not
		{"$1,234.56 is one word", 25, 0, 4, "$1,234.56 is one word"},
		{"word", 30, 29, 4, "\n    word"},
	} {
		if got := render.WrapFrom(c.text, c.width, c.used, c.ind); got != c.want {
			t.Errorf("WrapFrom(%q, %d, %d, %d) = %q, want %q", c.text, c.width, c.used, c.ind, got, c.want)
		}
	}
}
