package importer

import (
	"strings"
	"testing"
)

// TestTerraformTags: static tags (labels on Google Cloud) become tags.<key>;
// tags that are not static are noted, not guessed.
func TestTerraformTags(t *testing.T) {
	src := `
locals {
  tags = { owner = "orders-team", cost_center = "cc-1" }
}
variable "env" {}
resource "aws_lambda_function" "a" {
  memory_size = 256
  tags        = local.tags
}
resource "google_cloud_run_v2_service" "b" {
  labels = { environment = "prod" }
}
resource "aws_lambda_function" "c" {
  tags = { environment = var.env }
}
`
	d, err := terraformFormat{}.ReadGroup(".", ".", []InputFile{{Name: "main.tf", Data: []byte(src)}})
	if err != nil {
		t.Fatal(err)
	}
	tags := map[string][]string{}
	for _, c := range d.Components {
		for _, f := range c.Fields {
			if k, ok := strings.CutPrefix(f.Path, "tags."); ok {
				tags[c.Name] = append(tags[c.Name], k+"="+f.Value.(string))
			}
		}
	}
	want := map[string]string{"a": "cost_center=cc-1 owner=orders-team", "b": "environment=prod", "c": ""}
	for name, w := range want {
		if got := strings.Join(tags[name], " "); got != w {
			t.Errorf("%s: tags %q, want %q", name, got, w)
		}
	}
	noted := false
	for _, n := range d.Notes {
		noted = noted || strings.Contains(n.Text, "aws_lambda_function.c: tags is not static")
	}
	if !noted {
		t.Errorf("non-static tags not noted: %v", d.Notes)
	}
}
