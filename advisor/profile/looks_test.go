package profile_test

import (
	"testing"

	"github.com/hybridadvisor/hybridadvisor/advisor/profile"
)

func TestLooksLikeProfile(t *testing.T) {
	starter, _ := profile.Template("starter")
	cases := map[string]struct {
		src  string
		want bool
	}{
		"the starter template":  {string(starter), true},
		"key order and quotes":  {"name: x\n\"apiVersion\": 'hybridadvisor/v1'\ncomponents: []\n", true},
		"another version":       {"apiVersion: hybridadvisor/v2\nname: x\n", true},
		"second document":       {"kind: Note\n---\napiVersion: hybridadvisor/v1\nname: x\n", true},
		"broken YAML, our line": {"apiVersion: hybridadvisor/v1\nname: x\ncomponents:\n  - name: [a\n", true},
		"kubernetes":            {"apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n", false},
		"compose":               {"services:\n  web:\n    image: nginx\n", false},
		"nested apiVersion":     {"spec:\n  apiVersion: hybridadvisor/v1\n", false},
		"a comment":             {"# apiVersion: hybridadvisor/v1\nkind: Pod\n", false},
		"helm template":         {"apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Values.name }}\n  labels: {{- include \"x\" . | nindent 4 }}\n", false},
		"a list":                {"- apiVersion: hybridadvisor/v1\n", false},
		"empty":                 {"", false},
	}
	for name, c := range cases {
		if got := profile.LooksLikeProfile([]byte(c.src)); got != c.want {
			t.Errorf("%s: LooksLikeProfile = %v, want %v", name, got, c.want)
		}
	}
}

func TestTopLevelAPIVersionLine(t *testing.T) {
	for src, want := range map[string]bool{
		"apiVersion: hybridadvisor/v1\nname: a\n":          true,
		"# c\napiVersion: \"hybridadvisor/v1\"\n":          true,
		"kind: X\n  apiVersion: hybridadvisor/v1\n":        false, // nested: not top level
		"apiVersion: apps/v1\nimage: x/hybridadvisor/y\n":  false,
		"name: a\napiVersion: 'hybridadvisor/v2'\n":        true,
		"apiVersion: v1\nkind: ConfigMap\napiVersion: x\n": false,
	} {
		if got := profile.TopLevelAPIVersionLine([]byte(src)); got != want {
			t.Errorf("%q: %v, want %v", src, got, want)
		}
	}
}
