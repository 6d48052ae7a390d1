package policies_test

import (
	"context"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage/inmem"

	"github.com/hybridadvisor/hybridadvisor/advisor/decide"
	"github.com/hybridadvisor/hybridadvisor/policies"
)

// TestSecurityRego runs every *_test.rego under security/ and asserts coverage.
func TestSecurityRego(t *testing.T) { runRegoSuite(t, "security", 90) }

// Vocabulary the security catalogue must use (docs/rules.md).
var (
	securitySeverities = []string{"critical", "high", "medium", "low", "info"}
	securityCategories = []string{"identity", "network", "secrets", "data", "supply-chain", "runtime",
		"observability", "resilience", "cost"}
	securityModels = []string{"function", "serverless-container", "orchestrated-container"}
	ruleIDPattern  = regexp.MustCompile(`^[A-Z]+-[0-9]{2}$`)
)

// securityModules parses the embedded modules under security/ with annotations;
// tests are included only when withTests is set. Keys are paths in policies.FS.
func securityModules(tb testing.TB, withTests bool) map[string]*ast.Module {
	tb.Helper()
	mods := map[string]*ast.Module{}
	err := fs.WalkDir(policies.FS, "security", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".rego") {
			return err
		}
		if !withTests && strings.HasSuffix(p, "_test.rego") {
			return nil
		}
		src, err := fs.ReadFile(policies.FS, p)
		if err != nil {
			return err
		}
		m, err := ast.ParseModuleWithOpts(p, string(src), ast.ParserOptions{
			ProcessAnnotation: true,
			RegoVersion:       ast.RegoV1,
		})
		if err != nil {
			return err
		}
		mods[p] = m
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return mods
}

// TestSecurityCatalogue checks the conventions of docs/rules.md on every rule module:
// one package per rule named after its ID, complete METADATA, deny as the only
// public rule, a test file beside it, unique IDs, and no deny in lib.
func TestSecurityCatalogue(t *testing.T) {
	mods := securityModules(t, true)
	ids := map[string]string{}
	for file, m := range mods {
		if strings.HasSuffix(file, "_test.rego") {
			continue
		}
		pkg := strings.TrimPrefix(m.Package.Path.String(), "data.hybridadvisor.security.")
		if pkg == "lib" {
			for _, r := range m.Rules {
				if r.Head.Name.String() == "deny" {
					t.Errorf("%s: lib must not define deny", file)
				}
			}
			continue
		}
		t.Run(pkg, func(t *testing.T) {
			a := packageAnnotation(t, m)
			if a == nil {
				return
			}
			id := checkMetadata(t, a)
			if id == "" {
				return
			}
			if prev, dup := ids[id]; dup {
				t.Errorf("ID %s used by %s and %s", id, prev, file)
			}
			ids[id] = file
			want := strings.ReplaceAll(strings.ToLower(id), "-", "_")
			if pkg != want {
				t.Errorf("package hybridadvisor.security.%s, want hybridadvisor.security.%s for %s", pkg, want, id)
			}
			category, _ := a.Custom["category"].(string)
			wantFile := path.Join("security", strings.ReplaceAll(category, "-", "_"), want+".rego")
			if file != wantFile {
				t.Errorf("file %s, want %s", file, wantFile)
			}
			if _, ok := mods[strings.TrimSuffix(file, ".rego")+"_test.rego"]; !ok {
				t.Errorf("%s has no %s_test.rego beside it", file, want)
			}
			checkRules(t, m)
		})
	}
	if len(ids) < 40 {
		t.Errorf("catalogue has %d rules, want at least 40", len(ids))
	}
	t.Logf("%d security rules", len(ids))
}

// packageAnnotation returns the module's single package-scope METADATA block.
func packageAnnotation(t *testing.T, m *ast.Module) *ast.Annotations {
	t.Helper()
	var found []*ast.Annotations
	for _, a := range m.Annotations {
		if a.Scope == "package" {
			found = append(found, a)
		}
	}
	if len(found) != 1 {
		t.Errorf("want exactly one package-scope METADATA block, got %d", len(found))
		return nil
	}
	return found[0]
}

// checkMetadata reports every missing or invalid METADATA field and returns the ID.
func checkMetadata(t *testing.T, a *ast.Annotations) string {
	t.Helper()
	if strings.TrimSpace(a.Title) == "" {
		t.Error("METADATA title is empty")
	}
	if strings.TrimSpace(a.Description) == "" {
		t.Error("METADATA description is empty")
	}
	str := func(key string) string {
		s, _ := a.Custom[key].(string)
		return strings.TrimSpace(s)
	}
	list := func(key string) []string {
		raw, _ := a.Custom[key].([]any)
		out := make([]string, 0, len(raw))
		for _, v := range raw {
			if s, ok := v.(string); ok && s != "" {
				out = append(out, s)
			} else {
				t.Errorf("custom.%s has a non-string or empty entry %v", key, v)
			}
		}
		return out
	}
	id := str("id")
	if !ruleIDPattern.MatchString(id) {
		t.Errorf("custom.id %q is not like IAM-01", id)
		id = ""
	}
	if s := str("severity"); !slices.Contains(securitySeverities, s) {
		t.Errorf("custom.severity %q not in %v", s, securitySeverities)
	}
	if c := str("category"); !slices.Contains(securityCategories, c) {
		t.Errorf("custom.category %q not in %v", c, securityCategories)
	}
	models := list("applies_to")
	if len(models) == 0 {
		t.Error("custom.applies_to is empty")
	}
	for _, m := range models {
		if !slices.Contains(securityModels, m) {
			t.Errorf("custom.applies_to has %q, not in %v", m, securityModels)
		}
	}
	if str("remediation") == "" {
		t.Error("custom.remediation is empty")
	}
	if len(list("references")) == 0 && len(a.RelatedResources) == 0 {
		t.Error("neither custom.references nor related_resources is given")
	}
	for _, rr := range a.RelatedResources {
		u, err := url.Parse(rr.Ref.String())
		if err != nil || u.Scheme != "https" || u.Host == "" {
			t.Errorf("related_resources entry %q is not an https URL", rr.Ref.String())
		}
	}
	return id
}

// checkRules requires deny to be the package's only public rule, a set (deny
// contains ...), possibly written as several bodies; helpers start with "_".
func checkRules(t *testing.T, m *ast.Module) {
	t.Helper()
	denies := 0
	for _, r := range m.Rules {
		name := r.Head.Name.String()
		if name == "" && len(r.Head.Reference) > 0 {
			name = r.Head.Reference[0].Value.(ast.Var).String()
		}
		switch {
		case name == "deny":
			denies++
			if r.Head.RuleKind() != ast.MultiValue {
				t.Errorf("line %d: deny must be a set rule (deny contains ...)", r.Location.Row)
			}
		case !strings.HasPrefix(name, "_"):
			t.Errorf("line %d: public rule %q: deny is the only public rule of a rule package, helpers start with _", r.Location.Row, name)
		}
	}
	if denies == 0 {
		t.Error("no deny rule")
	}
}

// catalogueQuery evaluates every security rule for one input.
const catalogueQuery = `[[pkg, f] | some pkg; some f in data.hybridadvisor.security[pkg].deny]`

var (
	catalogueOnce sync.Once
	catalogue     rego.PreparedEvalQuery
	catalogueErr  error
)

// preparedCatalogue compiles the security rules (tests excluded) once and prepares
// catalogueQuery over the decide.Data() store, with strict built-in errors as
// the engine does.
func preparedCatalogue(tb testing.TB) rego.PreparedEvalQuery {
	tb.Helper()
	catalogueOnce.Do(func() {
		doc, err := decide.Data()
		if err != nil {
			catalogueErr = err
			return
		}
		opts := []func(*rego.Rego){
			rego.Query(catalogueQuery),
			rego.Store(inmem.NewFromObjectWithOpts(doc, inmem.OptReturnASTValuesOnRead(true))),
			rego.StrictBuiltinErrors(true),
		}
		for _, m := range securityModules(tb, false) {
			opts = append(opts, rego.ParsedModule(m))
		}
		catalogue, catalogueErr = rego.New(opts...).PrepareForEval(context.Background())
	})
	if catalogueErr != nil {
		tb.Fatal(catalogueErr)
	}
	return catalogue
}

// fixture evaluates a rule of the Rego test fixtures (security/lib/fixtures_test.rego),
// so Go and Rego tests share one definition of the good and bare components.
func fixture(tb testing.TB, name string) any {
	tb.Helper()
	var opts []func(*rego.Rego)
	for file, m := range securityModules(tb, true) {
		if strings.HasSuffix(file, "/fixtures_test.rego") {
			opts = append(opts, rego.ParsedModule(m))
		}
	}
	opts = append(opts, rego.Query("data.hybridadvisor.security.fixtures_test."+name))
	rs, err := rego.New(opts...).Eval(context.Background())
	if err != nil || len(rs) != 1 {
		tb.Fatalf("fixture %s: %v (%d results)", name, err, len(rs))
	}
	return rs[0].Expressions[0].Value
}

type finding struct {
	Package, Message, Path, Severity string
}

func evalCatalogue(tb testing.TB, pq rego.PreparedEvalQuery, input ast.Value) []finding {
	tb.Helper()
	rs, err := pq.Eval(context.Background(), rego.EvalParsedInput(input))
	if err != nil {
		tb.Fatal(err)
	}
	if len(rs) != 1 {
		tb.Fatalf("catalogue query: %d results", len(rs))
	}
	var out []finding
	for _, x := range rs[0].Expressions[0].Value.([]any) {
		pair := x.([]any)
		f := pair[1].(map[string]any)
		out = append(out, finding{
			Package:  pair[0].(string),
			Message:  fmt.Sprint(f["message"]),
			Path:     fmt.Sprint(f["path"]),
			Severity: fmt.Sprint(f["severity"]),
		})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Package < out[j].Package })
	return out
}

func mustValue(tb testing.TB, v any) ast.Value {
	tb.Helper()
	val, err := ast.InterfaceToValue(v)
	if err != nil {
		tb.Fatal(err)
	}
	return val
}

// TestSecurityWholeCatalogue runs every rule at once: a fully and correctly declared
// component yields no finding, a component that declares nothing exactly one (DECL-01).
func TestSecurityWholeCatalogue(t *testing.T) {
	pq := preparedCatalogue(t)
	shop := fixture(t, "shop_inputs").(map[string]any)
	if len(shop) != 5 {
		t.Fatalf("shop fixture has %d components, want 5", len(shop))
	}
	for name, in := range shop {
		t.Run("good/"+name, func(t *testing.T) {
			if got := evalCatalogue(t, pq, mustValue(t, in)); len(got) != 0 {
				t.Errorf("fully declared %s: want no findings, got %+v", name, got)
			}
		})
	}

	bare := fixture(t, "bare_input").(map[string]any)
	variants := map[string]func(c map[string]any){
		"http":         func(map[string]any) {},
		"queue":        func(c map[string]any) { c["trigger"] = "queue"; c["security"] = map[string]any{"exposure": "internal"} },
		"empty-blocks": func(c map[string]any) { c["observability"] = map[string]any{}; c["resilience"] = map[string]any{} },
	}
	for name, change := range variants {
		t.Run("bare/"+name, func(t *testing.T) {
			in := mustValue(t, bare).(ast.Object).Copy()
			comp, err := ast.JSON(in.Get(ast.StringTerm("component")).Value)
			if err != nil {
				t.Fatal(err)
			}
			c := comp.(map[string]any)
			change(c)
			in.Insert(ast.StringTerm("component"), ast.NewTerm(mustValue(t, c)))
			got := evalCatalogue(t, pq, in)
			if len(got) != 1 || got[0].Package != "decl_01" || got[0].Path != "" {
				t.Fatalf("nothing declared: want exactly one DECL-01 finding at path \"\", got %+v", got)
			}
			if !strings.HasPrefix(got[0].Message, "legacy ") {
				t.Errorf("message does not name the component: %q", got[0].Message)
			}
		})
	}
}

// BenchmarkSecurityRules evaluates every security rule for one fully declared
// component of a five-component architecture with the prepared query.
func BenchmarkSecurityRules(b *testing.B) {
	pq := preparedCatalogue(b)
	shop := fixture(b, "shop_inputs").(map[string]any)
	in := mustValue(b, shop["orders"])
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := pq.Eval(ctx, rego.EvalParsedInput(in)); err != nil {
			b.Fatal(err)
		}
	}
}
