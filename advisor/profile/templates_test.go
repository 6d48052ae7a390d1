package profile

import (
	"slices"
	"testing"
)

func TestTemplates(t *testing.T) {
	list := Templates()
	var names []string
	for _, tp := range list {
		names = append(names, tp.Name)
		if tp.Description == "" {
			t.Errorf("template %s has no description (first comment line)", tp.Name)
		}
		src, ok := Template(tp.Name)
		if !ok {
			t.Errorf("Template(%q) not found", tp.Name)
			continue
		}
		if _, err := Parse(tp.Name+".yaml", src); err != nil {
			t.Errorf("template %s does not parse: %v", tp.Name, err)
		}
	}
	for _, want := range []string{"iot", "ml-platform", "pipeline", "shop", "starter"} {
		if !slices.Contains(names, want) {
			t.Errorf("template %q missing from %v", want, names)
		}
	}
	if !slices.IsSorted(names) {
		t.Errorf("templates not sorted: %v", names)
	}
	for _, bad := range []string{"", "nope", "../embed", "examples/shop", "shop.yaml"} {
		if _, ok := Template(bad); ok {
			t.Errorf("Template(%q) found something", bad)
		}
	}
}

func TestFirstComment(t *testing.T) {
	tests := map[string]string{
		"# Shop: an online shop.\napiVersion: x\n": "Shop: an online shop.",
		"\n---\n#   spaced  \n":                    "spaced",
		"apiVersion: x\n# later\n":                 "",
		"":                                         "",
	}
	for src, want := range tests {
		if got := firstComment([]byte(src)); got != want {
			t.Errorf("firstComment(%q) = %q, want %q", src, got, want)
		}
	}
}
