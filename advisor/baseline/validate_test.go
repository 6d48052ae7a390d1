package baseline_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/hybridadvisor/hybridadvisor/advisor/baseline"
	"github.com/hybridadvisor/hybridadvisor/advisor/result"
)

// okFile is a file entry every check accepts.
const okFile = `{"path": "a.yaml", "error": null, "architecture": {"name": "a", "cloud": "aws", "components": [{"name": "api", "line": 4,
 "recommendation": {"model": "function", "platform": "aws-lambda", "cloud": "aws", "monthly_cost_usd": 1.5, "priced": true},
 "findings": [{"rule": "SEC-01", "severity": "high", "line": 5}]}], "totals": {"aws": {"recommended": 1.5}}}}`

func wrap(files string) string { return `{"schema_version": 2, "files": [` + files + `]}` }

// TestScanValidatesSavedResults: a saved result is hostile input. Each bad one
// is refused with its JSON path, never a panic (reformat and --compare-to used
// to dereference a nil architecture: Hardening, item 9).
func TestScanValidatesSavedResults(t *testing.T) {
	replace := func(old, new string) string {
		if !strings.Contains(okFile, old) {
			t.Fatalf("okFile has no %q", old)
		}
		return wrap(strings.Replace(okFile, old, new, 1))
	}
	for name, tc := range map[string]struct{ in, want string }{
		"the issue's reproduction": {`{"schema_version":1,"files":[{"path":"a"}]}`,
			`files[0]: has neither "error" nor "architecture"`},
		"both error and architecture": {replace(`"error": null`, `"error": {"message": "x"}`), `files[0]: has both`},
		"errors without error":        {wrap(`{"path": "a", "errors": [{"message": "x"}], "architecture": null}`), `files[0]: has neither`},
		"no path":                     {replace(`"path": "a.yaml"`, `"path": ""`), `files[0].path: is missing or empty`},
		"path a number":               {replace(`"path": "a.yaml"`, `"path": 7`), `files[0].path: want a string, found number`},
		"no architecture name":        {replace(`"name": "a"`, `"name": ""`), `files[0].architecture.name: is missing or empty`},
		"unknown cloud":               {replace(`"cloud": "aws", "components"`, `"cloud": "mars", "components"`), `files[0].architecture.cloud: "mars" is not a cloud`},
		"unknown totals cloud":        {replace(`"totals": {"aws"`, `"totals": {"m\u00e4rs"`), `files[0].architecture.totals["m\u00e4rs"]: "m\u00e4rs" is not a cloud`},
		"no severity":                 {replace(`"severity": "high"`, `"severity": ""`), `files[0].architecture.components[0].findings[0].severity: is missing or empty`},
		"unknown model":               {replace(`"model": "function"`, `"model": "vm"`), `files[0].architecture.components[0].recommendation.model: "vm" is not a model`},
		"negative line":               {replace(`"line": 5`, `"line": -5`), `files[0].architecture.components[0].findings[0].line: is negative`},
		"line a string":               {replace(`"line": 4`, `"line": "4"`), `files[0].architecture.components[0].line: want a whole number, found string`},
		"line a fraction":             {replace(`"line": 4`, `"line": 4.5`), `files[0].architecture.components[0].line: want a whole number, found number 4.5`},
		"components an object":        {replace(`"components": [{`, `"components": {"x": 1}, "y": [{`), `files[0].architecture.components: want an array, found object`},
		"components a string":         {replace(`"components": [{`, `"components": "x", "y": [{`), `files[0].architecture.components: want an array, found string`},
		"cost a string":               {replace(`"monthly_cost_usd": 1.5`, `"monthly_cost_usd": "1.5"`), `files[0].architecture.components[0].recommendation.monthly_cost_usd: want a number, found string`},
		"huge amount":                 {replace(`"monthly_cost_usd": 1.5`, `"monthly_cost_usd": 1e9999`), `files[0].architecture.components[0].recommendation.monthly_cost_usd: number 1e9999 is out of range`},
		"long fraction":               {replace(`"recommended": 1.5`, `"recommended": 0.`+strings.Repeat("0", 50)+`1`), `files[0].architecture.totals.aws.recommended: number 0.000`},
		"file not an object":          {wrap(`[1]`), `files[0]: want an object, found an array`},
		"files null":                  {`{"schema_version": 2, "files": null}`, `files: want an array, found null`},
		"files before the version":    {`{"files": [], "schema_version": 2}`, `"schema_version" must come before "files"`},
		"version zero":                {`{"schema_version": 0, "files": []}`, `schema_version: 0 is not supported`},
		"version a string":            {`{"schema_version": "2", "files": []}`, `schema_version: want a whole number, found string`},
		"files twice":                 {`{"schema_version": 2, "files": [], "files": []}`, `files: the key appears twice`},
		"truncated file":              {`{"schema_version": 2, "files": [{"path": "a"`, `files[0]: unexpected end of JSON`},
		"broken file":                 {`{"schema_version": 2, "files": [{"path": "a",}]}`, `files[0]: invalid JSON at offset 39`},
		"trailing data":               {`{"schema_version": 2, "files": []} {}`, `unexpected data after`},
		"settings cloud":              {`{"schema_version": 2, "settings": {"clouds": ["aws", "x"]}, "files": []}`, `settings.clouds[1]: "x" is not a cloud`},
		"gate name":                   {`{"schema_version": 2, "files": [], "gates": [{"gate": "max-everything"}]}`, `gates[0].gate: "max-everything" is not a gate`},
		"fail-on limit":               {`{"schema_version": 2, "files": [], "gates": [{"gate": "fail-on", "limit": "urgent"}]}`, `gates[0].limit: "urgent" is not a severity`},
		"diff status":                 {`{"schema_version": 2, "files": [], "diff": {"architectures": [{"status": "gone"}]}}`, `diff.architectures[0].status: "gone" is not a diff status`},
		"negative summary":            {`{"schema_version": 2, "files": [], "summary": {"files": -1}}`, `summary.files: is negative`},
		"summary huge":                {`{"schema_version": 2, "files": [], "summary": {"files": 1e99}}`, `summary.files: want a whole number, found number 1e99`},
		"odd key in the path":         {replace(`"totals": {"aws"`, `"totals": {"a.b"`), `files[0].architecture.totals["a.b"]: "a.b" is not a cloud`},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := baseline.Read(strings.NewReader(tc.in), "r.json")
			if err == nil {
				t.Fatal("accepted")
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q, want %q in it", err, tc.want)
			}
			var fe *result.FieldError
			if strings.HasPrefix(tc.want, "files[") && !errors.As(err, &fe) {
				t.Errorf("%T is not a FieldError", err)
			}
		})
	}
	// The control: okFile passes, and so does an error entry.
	if _, err := baseline.Read(strings.NewReader(wrap(okFile+`, {"path": "b.yaml", "error": {"message": "x", "line": 1}}`)), "ok"); err != nil {
		t.Errorf("a valid result: %v", err)
	}
}
