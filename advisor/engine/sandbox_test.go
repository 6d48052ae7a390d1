package engine

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
)

// TestEveryBuiltinIsReviewed walks OPA's whole built-in list: each must be on
// the reviewed allow-list (with its family's reason) or the deny-list (with its
// own). A built-in a later OPA adds fails here until someone reviews it; until
// then the sandbox leaves it out.
func TestEveryBuiltinIsReviewed(t *testing.T) {
	opa := map[string]bool{}
	var unreviewed []string
	for _, b := range ast.CapabilitiesForThisVersion().Builtins {
		opa[b.Name] = true
		allowed, denied := allowedBuiltins[b.Name], deniedBuiltins[b.Name] != ""
		switch {
		case allowed && denied:
			t.Errorf("%s is both allowed and denied", b.Name)
		case !allowed && !denied:
			unreviewed = append(unreviewed, b.Name)
		}
	}
	if len(unreviewed) > 0 {
		sort.Strings(unreviewed)
		t.Errorf("built-ins not reviewed for the sandbox (add each to a family in allowedFamilies, or to deniedBuiltins, in sandbox.go): %s",
			strings.Join(unreviewed, ", "))
	}
	for name := range allowedBuiltins {
		if !opa[name] {
			t.Errorf("allowed built-in %s is not one of OPA's: remove it", name)
		}
	}
	for name := range deniedBuiltins {
		if !opa[name] {
			t.Errorf("denied built-in %s is not one of OPA's: remove it", name)
		}
	}
	for _, f := range allowedFamilies {
		if f.why == "" || len(f.names) == 0 {
			t.Errorf("family %v needs a reason and names", f.names)
		}
	}
	for name := range limitedBuiltins {
		if !allowedBuiltins[name] {
			t.Errorf("limited built-in %s is not allowed: drop its limit", name)
		}
	}
}

func TestSandboxCapabilitiesAreTheAllowList(t *testing.T) {
	caps := sandboxCapabilities()
	got := map[string]bool{}
	for _, b := range caps.Builtins {
		got[b.Name] = true
	}
	for name := range allowedBuiltins {
		if !got[name] {
			t.Errorf("%s is allowed but not in the capabilities", name)
		}
	}
	if len(got) != len(allowedBuiltins) {
		t.Errorf("capabilities have %d built-ins, the allow-list %d", len(got), len(allowedBuiltins))
	}
	if caps.AllowNet == nil || len(caps.AllowNet) != 0 {
		t.Errorf("AllowNet = %v, want an empty list (no host)", caps.AllowNet)
	}
}

// TestDeniedBuiltinsRejected: each call is refused when the policy loads, at
// its line, with the reason. The first is the reproduction of the JSON-schema
// leak: $ref read local files (existence, keys, first byte; /dev/zero ran out
// of memory past the timeout, a FIFO hung).
func TestDeniedBuiltinsRejected(t *testing.T) {
	calls := []struct{ name, call string }{
		{"json.verify_schema", `json.verify_schema({"$ref": "file:///etc/passwd"})`},
		{"json.match_schema", `json.match_schema({}, {"$ref": "file:///dev/zero"})`},
		{"http.send", `http.send({"method": "get", "url": "https://example.com"})`},
		{"net.lookup_ip_addr", `net.lookup_ip_addr("example.com")`},
		{"opa.runtime", `opa.runtime().env`},
		{"providers.aws.sign_req", `providers.aws.sign_req({}, {}, 0)`},
		{"time.now_ns", `time.now_ns()`},
		{"rand.intn", `rand.intn("x", 10)`},
		{"uuid.rfc4122", `uuid.rfc4122("x")`},
		{"io.jwt.encode_sign", `io.jwt.encode_sign({"alg": "ES256"}, {}, {})`},
		{"io.jwt.encode_sign_raw", `io.jwt.encode_sign_raw("{}", "{}", "{}")`},
		{"crypto.x509.parse_and_verify_certificates", `crypto.x509.parse_and_verify_certificates("x")`},
		{"graph.reachable_paths", `graph.reachable_paths({"a": ["b"]}, {"a"})`},
		{"glob.match", `glob.match("{*a,*aa}{*a,*aa}*c", [], "aaaa")`},
		{"json.patch", `json.patch({}, [])`},
		{"strings.render_template", `strings.render_template("{{.a}}", {"a": 1})`},
		{"rego.parse_module", `rego.parse_module("a.rego", "package a")`},
	}
	for _, c := range calls {
		t.Run(c.name, func(t *testing.T) {
			src := customHeader + "deny contains \"x\" if {\n\tx := " + c.call + "\n\tx != null\n}\n"
			_, err := New(context.Background(), Options{PolicyDirs: []string{writePolicy(t, "acme.rego", src)}})
			var ces CompileErrors
			if !errors.As(err, &ces) || len(ces) == 0 {
				t.Fatalf("want CompileErrors, got %v", err)
			}
			if ces[0].Line != 11 || !strings.HasSuffix(ces[0].File, "acme.rego") {
				t.Errorf("at %s:%d, want acme.rego:11", ces[0].File, ces[0].Line)
			}
			want := c.name + ": not available to policies (" + deniedBuiltins[c.name] + ")"
			if !strings.Contains(err.Error(), want) {
				t.Errorf("error %q does not say %q", err, want)
			}
		})
	}
}

// evalUser loads a users' rule with body and evaluates the findings on input.
func evalUser(t *testing.T, body string, input ast.Value, opts Options) ([]Finding, error) {
	t.Helper()
	src := customHeader + "deny contains \"fired\" if {\n" + body + "\n}\n"
	opts.PolicyDirs = []string{writePolicy(t, "acme.rego", src)}
	e, err := New(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	return e.Findings(context.Background(), input)
}

func fired(fs []Finding) bool {
	for _, f := range fs {
		if f.Rule.ID == "ACME-01" {
			return true
		}
	}
	return false
}

// hs256 is a JWT signed with key whose payload is claims.
func hs256(claims, key string) string {
	enc := base64.RawURLEncoding.EncodeToString
	unsigned := enc([]byte(`{"alg":"HS256","typ":"JWT"}`)) + "." + enc([]byte(claims))
	mac := hmac.New(sha256.New, []byte(key))
	mac.Write([]byte(unsigned))
	return unsigned + "." + enc(mac.Sum(nil))
}

// TestClockIsPinned: io.jwt.decode_verify checks exp against input.today (or,
// without it, the price tables' date), never the wall clock, so a policy cannot
// read the date and results do not depend on when they ran.
func TestClockIsPinned(t *testing.T) {
	exp := time.Date(2021, 6, 1, 0, 0, 0, 0, time.UTC)
	token := hs256(fmt.Sprintf(`{"exp":%d}`, exp.Unix()), "k")
	body := "\t[valid, _, _] := io.jwt.decode_verify(input.token, {\"secret\": \"k\"})\n\tvalid"
	for _, c := range []struct {
		today string
		valid bool
	}{{"2021-05-31", true}, {"2021-06-02", false}, {"not a date", false}} {
		input := ast.MustParseTerm(fmt.Sprintf(`{"token": %q, "today": %q}`, token, c.today)).Value
		fs, err := evalUser(t, body, input, Options{})
		if err != nil {
			t.Fatal(err)
		}
		// Without a valid today, the price tables' date (after 2021) applies.
		if fired(fs) != c.valid {
			t.Errorf("today %s: valid = %v, want %v", c.today, fired(fs), c.valid)
		}
	}
	if got := evalTime(ast.NewObject()); !got.Equal(fallbackTime()) || got.Year() < 2024 {
		t.Errorf("evalTime without today = %v, want the price tables' date %v", got, fallbackTime())
	}
}

// TestLimits: the wrapped built-ins refuse work beyond their limits with a
// located error of kind ErrLimit.
func TestLimits(t *testing.T) {
	cases := []struct{ name, body, want string }{
		{"numbers.range span", `x := concat("", [s | some i in numbers.range(1, 1e8); s := "aaaaaaaa"])
	count(x) > 0`, "numbers.range: 100000000 numbers are more than the sandbox allows"},
		{"numbers.range_step span", `x := numbers.range_step(0, 1e12, 2)
	count(x) > 0`, "numbers.range_step: 500000000001 numbers"},
		{"bits.lsh shift", `x := bits.lsh(1, 1e12)
	x > 0`, "bits.lsh: a shift of 1000000000000 bits"},
		{"sprintf width", `x := sprintf("%0999999d", [1])
	count(x) > 0`, "sprintf: width or precision 999999 is more"},
		{"sprintf star", `x := sprintf("%*d", [999999, 1])
	count(x) > 0`, "sprintf: widths and precisions taken from the arguments"},
		{"time zone", `x := time.date([0, "America/New_York"])
	count(x) > 0`, `time.date: time zone "America/New_York"`},
		{"local zone", `x := time.clock([0, "Local"])
	count(x) > 0`, `time.clock: time zone "Local"`},
		{"zone in diff", `x := time.diff(0, [0, "Europe/Paris"])
	count(x) > 0`, `time.diff: time zone "Europe/Paris"`},
		{"zone abbreviation", `x := time.parse_ns("Jan 2 15:04 MST 2006", "Jan 2 15:04 EST 2006")
	x > 0`, "time.parse_ns: zone abbreviations"},
	}
	// copies names a 1 MiB string a hundred times: a few bytes, printed 100 MiB.
	copies := "a0 := \"" + strings.Repeat("a", 1024) + "\"\n" +
		"\ta1 := concat(\"\", [s | some i in numbers.range(1, 32); s := a0])\n" +
		"\ta2 := concat(\"\", [s | some i in numbers.range(1, 32); s := a1])\n" +
		"\tcopies := [a2 | some i in numbers.range(1, 100)]\n\t"
	for _, c := range []struct{ name, call string }{
		{"concat", `concat("", copies)`}, {"sprintf", `sprintf("%v", [copies])`}, {"json.marshal", `json.marshal(copies)`},
		{"yaml.marshal", `yaml.marshal(copies)`}, {"template string", `$"{copies}"`}, {"print", `print(copies)`},
	} {
		body := copies + "x := " + c.call + "\n\tcount(x) > 0"
		if c.name == "print" {
			body = copies + c.call
		}
		cases = append(cases, struct{ name, body, want string }{c.name + " result", body,
			c.name + ": the result would be longer than the sandbox allows (64 MiB)"})
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := evalUser(t, "\t"+c.body, ast.NewObject(), Options{Print: io.Discard})
			if !errors.Is(err, ErrLimit) {
				t.Fatalf("want ErrLimit, got %v", err)
			}
			if !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "acme.rego:1") {
				t.Errorf("error %q does not say %q in acme.rego", err, c.want)
			}
		})
	}
	// Within the limits, the built-ins work as OPA's.
	ok := `count(numbers.range(1, 1000)) == 1000
	count(numbers.range_step(1000, 0, 10)) == 101
	bits.lsh(1, 62) == 4611686018427387904
	sprintf("%05d|%.2f|%-4s|%%|%[1]d|", [42, 3.14159, "x"]) == "00042|3.14|x   |%|42|"
	time.date([0, "UTC"]) == [1970, 1, 1]
	time.clock(0) == [0, 0, 0]
	time.parse_ns("2006-01-02 -0700", "2024-03-01 +0100") == 1709247600000000000
	concat("-", ["a", "b"]) == "a-b"
	json.marshal({"a": [1]}) == "{\"a\":[1]}"
	yaml.marshal({"a": [1]}) == "a:\n  - 1\n"
	x := "y"
	$"{x}!" == "y!"`
	fs, err := evalUser(t, "\t"+ok, ast.NewObject(), Options{})
	if err != nil || !fired(fs) {
		t.Fatalf("legitimate calls: fired %v, err %v", fired(fs), err)
	}
}

func TestCheckFormat(t *testing.T) {
	for f, refused := range map[string]bool{
		"%s %d %v %q %%": false, "%.9f %05d %-20s %+.3g": false, "%[2]s %[1]d": false, "%100d": false, "100%": false,
		"%101d": true, "%.101f": true, "%*d": true, "%.*f": true, "%[1]*d": true, "%099999999999999999999d": true,
	} {
		if got := checkFormat(f) != ""; got != refused {
			t.Errorf("checkFormat(%q) refused = %v, want %v", f, got, refused)
		}
	}
}

// TestUserTestsPinTheClock: `policy test` runs with the price tables' date as
// the clock, so tests do not depend on the day they run.
func TestUserTestsPinTheClock(t *testing.T) {
	day := 24 * time.Hour
	valid := hs256(fmt.Sprintf(`{"exp":%d}`, fallbackTime().Add(day).Unix()), "k")
	expired := hs256(fmt.Sprintf(`{"exp":%d}`, fallbackTime().Add(-day).Unix()), "k")
	dir := writePolicy(t, "acme.rego", customHeader+"deny contains \"x\" if { input.x }\n")
	test := fmt.Sprintf(`package hybridadvisor.custom.acme_01_test

test_valid_on_the_tables_date if {
	[valid, _, _] := io.jwt.decode_verify(%q, {"secret": "k"})
	valid
}

test_expired_on_the_tables_date if {
	[valid, _, _] := io.jwt.decode_verify(%q, {"secret": "k"})
	not valid
}
`, valid, expired)
	if err := os.WriteFile(filepath.Join(dir, "acme_test.rego"), []byte(test), 0o644); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	rep, err := RunUserTests(context.Background(), []string{dir}, &out, false)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Passed != 2 || rep.Failed+rep.Errored != 0 {
		t.Fatalf("report %+v\n%s", rep, out.String())
	}
}
