package importer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestUnsupportedIsSaid: what the import does not read is said — a
// Terraform JSON file is skipped with its own reason; Compose extends,
// include and env_file are notes, not dropped silently.
func TestUnsupportedIsSaid(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"main.tf.json": `{"resource": {"aws_lambda_function": {"f": {"memory_size": 128}}}}`,
		"compose.yaml": "include:\n  - other.yml\nservices:\n  web:\n    image: nginx:1.27\n    extends:\n      file: common.yml\n      service: base\n    env_file: .env\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	out, err := Import([]string{dir}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var skipped []string
	for _, s := range out.Skipped {
		skipped = append(skipped, filepath.Base(s.Path)+": "+s.Reason)
	}
	if got := strings.Join(skipped, "\n"); !strings.Contains(got, "main.tf.json: Terraform JSON syntax is not read") {
		t.Errorf("skipped %q, want main.tf.json skipped as Terraform JSON", got)
	}
	var notes []string
	for _, n := range out.Draft.Notes {
		notes = append(notes, n.Text)
	}
	all := strings.Join(notes, "\n")
	for _, want := range []string{"include: the included Compose files are not read", "web: extends is not evaluated", "web: env_file is not read"} {
		if !strings.Contains(all, want) {
			t.Errorf("no note %q in %q", want, notes)
		}
	}
}
