package importer

import (
	"strings"
	"testing"
)

// TestComposeServiceFoldsIntoItsManifest: a Compose service and a Kubernetes
// workload of one name are one service (local development and production);
// the manifest is kept, the Compose copy is folded into it with a note, and
// calls to the Compose name reach the manifest's component.
func TestComposeServiceFoldsIntoItsManifest(t *testing.T) {
	k8s := &Draft{Components: []*Component{{Name: "catalog", Kind: "Kubernetes Deployment", From: Source{File: "k8s/deploy.yaml", Line: 4}}}}
	compose := &Draft{Components: []*Component{
		{Name: "catalog", Kind: "Compose service", From: Source{File: "compose.yaml", Line: 3}},
		{Name: "web", Kind: "Compose service", From: Source{File: "compose.yaml", Line: 9}, Calls: []Call{{To: "catalog", Mode: "sync"}}},
	}}
	m := Merge(compose, k8s)
	var got []string
	for _, c := range m.Components {
		s := c.Name + " (" + c.Kind + ")"
		for _, call := range c.Calls {
			s += " ->" + call.To
		}
		got = append(got, s)
	}
	if want := "web (Compose service) ->catalog|catalog (Kubernetes Deployment)"; strings.Join(got, "|") != want {
		t.Errorf("merged %q; want %q", strings.Join(got, "|"), want)
	}
	if want := "Compose service catalog and Kubernetes Deployment catalog at k8s/deploy.yaml:4 describe one service"; !strings.Contains(notesText(m), want) {
		t.Errorf("notes %q, want %q", notesText(m), want)
	}
}

// TestRenameNoteNamesTheOtherSource: a name taken by a component of another
// kind that is not a Compose/manifest pair is renamed, and the note says where
// the other one is.
func TestRenameNoteNamesTheOtherSource(t *testing.T) {
	fn := &Draft{Components: []*Component{{Name: "catalog", Kind: "Serverless function", From: Source{File: "serverless.yml", Line: 4}}}}
	compose := &Draft{Components: []*Component{{Name: "catalog", Kind: "Compose service", From: Source{File: "z/compose.yaml", Line: 3}}}}
	m := Merge(compose, fn)
	if want := "component catalog (Compose service) is named catalog-2: catalog at serverless.yml:4 (Serverless function) has the name; if both describe one service"; !strings.Contains(notesText(m), want) {
		t.Errorf("notes %q, want %q", notesText(m), want)
	}
}

func notesText(d *Draft) string {
	var notes []string
	for _, n := range d.Notes {
		notes = append(notes, n.Text)
	}
	return strings.Join(notes, "\n")
}
