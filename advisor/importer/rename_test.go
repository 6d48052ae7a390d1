package importer

import (
	"strings"
	"testing"
)

// TestRenameNoteNamesTheOtherSource: a name taken by a component of another
// kind is likely one service described twice; the note says where.
func TestRenameNoteNamesTheOtherSource(t *testing.T) {
	k8s := &Draft{Components: []*Component{{Name: "catalog", Kind: "Kubernetes Deployment", From: Source{File: "k8s/deploy.yaml", Line: 4}}}}
	compose := &Draft{Components: []*Component{{Name: "catalog", Kind: "Compose service", From: Source{File: "z/compose.yaml", Line: 3}}}}
	other := &Draft{Components: []*Component{{Name: "catalog", Kind: "Compose service", From: Source{File: "zz/compose.yaml", Line: 3}}}}
	m := Merge(compose, k8s, other)
	var notes []string
	for _, n := range m.Notes {
		notes = append(notes, n.Text)
	}
	all := strings.Join(notes, "\n")
	if want := "component catalog (Compose service) is named catalog-2: catalog at k8s/deploy.yaml:4 (Kubernetes Deployment) has the name; if both describe one service"; !strings.Contains(all, want) {
		t.Errorf("notes %q, want %q", notes, want)
	}
	if want := "component catalog (Compose service) is named catalog-3: catalog at k8s/deploy.yaml:4"; !strings.Contains(all, want) {
		t.Errorf("notes %q, want %q", notes, want)
	}
}
