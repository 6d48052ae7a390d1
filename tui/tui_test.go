package tui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	tea "github.com/hybridadvisor/hybridadvisor/tui/internal/bubbletea"

	"github.com/hybridadvisor/hybridadvisor/advisor/profile"
)

// TestGoldenScreens pins every screen of the shop example at 100×30 and 80×24.
func TestGoldenScreens(t *testing.T) {
	for _, size := range [][2]int{{100, 30}, {80, 24}} {
		w, h := size[0], size[1]
		t.Run(fmt.Sprintf("%dx%d", w, h), func(t *testing.T) {
			m := newTestModel(t, w, h, example(t, "shop"))
			steps := []struct {
				name string
				keys []string
			}{
				{"component", nil},
				{"component-next-option", []string{"right"}},
				{"component-scrolled", []string{"pgdown"}},
				{"curve", []string{"g", "2"}},
				{"curve-other-cloud", []string{"right"}},
				{"architecture", []string{"3"}},
				{"help", []string{"?"}},
				{"auth-component", []string{"esc", "1", "down", "down"}},
				{"form", []string{"e"}},
			}
			for _, s := range steps {
				press(t, m, s.keys...)
				view := m.View()
				checkFits(t, s.name, view, w, h)
				checkFooter(t, s.name, view)
				golden(t, fmt.Sprintf("shop-%dx%d-%s", w, h, s.name), view)
			}
		})
	}
}

// TestNoOverflow renders every screen, the form, the help and a prompt at
// several sizes: no line may be wider than the terminal.
func TestNoOverflow(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(bad, []byte(brokenProfile), 0o644); err != nil {
		t.Fatal(err)
	}
	m := newTestModel(t, 80, 24, example(t, "shop"), example(t, "ml-platform"), Source{Path: bad})
	for _, size := range [][2]int{{80, 24}, {60, 16}, {81, 25}, {100, 30}, {132, 40}, {200, 50}, {40, 10}} {
		w, h := size[0], size[1]
		send(t, m, tea.WindowSizeMsg{Width: w, Height: h})
		for _, keys := range [][]string{{"1"}, {"2"}, {"3"}, {"1", "e"}, {"esc", "?"}, {"?", "x"}, {"esc", "G"}} {
			press(t, m, keys...)
			checkFits(t, strings.Join(keys, " "), m.View(), w, h)
		}
		// Every component of every file, on every screen.
		for i := 0; i < 20; i++ {
			press(t, m, "down")
			for _, s := range []string{"1", "2", "3"} {
				press(t, m, s)
				checkFits(t, fmt.Sprintf("row %d screen %s", i, s), m.View(), w, h)
			}
		}
		for i := 0; i < 20; i++ {
			press(t, m, "up")
		}
	}
}

// formFocus moves the form's focus to the field with the given label.
func formFocus(t *testing.T, m *Model, label string) {
	t.Helper()
	if m.form == nil {
		t.Fatal("form not open")
	}
	for i := 0; i < len(m.form.fields); i++ {
		if m.form.fields[m.form.focus].spec.label == label {
			return
		}
		press(t, m, "tab")
	}
	t.Fatalf("no field %q", label)
}

func selected(m *Model) string {
	_, _, c := m.current()
	if c == nil {
		return ""
	}
	return c.Name
}

func TestWhatIfReevaluates(t *testing.T) {
	m := newTestModel(t, 100, 30, example(t, "shop"))
	press(t, m, "down", "down") // auth: a function at 9M requests
	if selected(m) != "auth" {
		t.Fatalf("selected %q", selected(m))
	}
	_, _, c := m.current()
	if c.Recommendation.Model != "function" {
		t.Fatalf("auth starts as %s", c.Recommendation.Model)
	}
	before := c.Recommendation.MonthlyCostUSD.String()
	press(t, m, "e")
	formFocus(t, m, "requests/month")
	press(t, m, "ctrl+u")
	typeText(t, m, "900M")
	_, _, c = m.current()
	if got := c.Recommendation.MonthlyCostUSD.String(); got == before {
		t.Errorf("cost did not change with 100× the traffic (%s)", got)
	}
	f := m.files[0]
	if v, _ := f.doc.Get(0, "components[2].traffic.requests_per_month"); v != "900000000" {
		t.Errorf("requests_per_month in the text = %q", v)
	}
	if !f.dirty() {
		t.Error("file not marked modified")
	}
	if !strings.Contains(m.View(), "● modified") {
		t.Error("header does not say modified")
	}
	// Enum fields cycle with ←/→ and apply at once.
	formFocus(t, m, "state")
	press(t, m, "right")
	if v, _ := f.doc.Get(0, "components[2].state"); v != "stateful" {
		t.Errorf("state in the text = %q", v)
	}
	_, _, c = m.current()
	if c.Recommendation.Model == "function" {
		t.Errorf("stateful auth at 900M requests still recommended as %s", c.Recommendation.Model)
	}
	// Undo restores the text step by step.
	press(t, m, "esc", "u")
	if v, _ := f.doc.Get(0, "components[2].state"); v != "" {
		t.Errorf("state after undo = %q", v)
	}
}

func TestCloudAndFreeTier(t *testing.T) {
	m := newTestModel(t, 100, 30, example(t, "shop"))
	_, a, _ := m.current()
	if !a.res.FreeTier {
		t.Fatal("shop starts without free tier")
	}
	press(t, m, "f")
	_, a, _ = m.current()
	if a.res.FreeTier {
		t.Error("f did not turn the free tier off")
	}
	if !strings.Contains(m.View(), "free tier off") {
		t.Error("header does not show the free tier off")
	}
	for _, want := range []string{"aws", "azure", "gcp", ""} {
		press(t, m, "c")
		_, a, _ = m.current()
		if want != "" && a.res.Cloud != want {
			t.Errorf("after c: primary cloud %s, want %s", a.res.Cloud, want)
		}
		if m.cloud != want {
			t.Errorf("cloud setting %q, want %q", m.cloud, want)
		}
	}
	if m.files[0].dirty() {
		t.Error("session settings marked the file modified")
	}
}

// TestInvalidFieldKeepsLastGoodResult: an invalid value shows the parser's own
// message at the field while the last good figures stay on screen.
func TestInvalidFieldKeepsLastGoodResult(t *testing.T) {
	m := newTestModel(t, 100, 30, example(t, "shop"))
	_, _, c := m.current()
	cost := c.Recommendation.MonthlyCostUSD.String()
	press(t, m, "e")
	formFocus(t, m, "memory MB")
	press(t, m, "ctrl+u")
	typeText(t, m, "lots")
	f := m.files[0]
	if len(f.errs) == 0 {
		t.Fatal("no error for memory_mb: lots")
	}
	// The same message as the CLI's parser gives for the same text.
	_, err := profile.Parse(f.path, f.src)
	if err == nil || !strings.Contains(err.Error(), f.errs[0].Message) {
		t.Errorf("TUI error %q is not the parser's %v", f.errs[0].Message, err)
	}
	if !strings.Contains(f.errs[0].Message, "memory_mb") {
		t.Errorf("error = %q", f.errs[0].Message)
	}
	_, _, c = m.current()
	if c == nil || c.Recommendation.MonthlyCostUSD.String() != cost {
		t.Fatal("the last good result was dropped")
	}
	view := m.View()
	golden(t, "invalid-field", view)
	// storefront on Fargate: 7 tasks for the 219 peak hours (51.4 req/s x 0.18 s x 0.25 CPU share / 0.5 vCPU / 70% = 6.6), 1 otherwise:
	// 2,044 task-h x 0.5 vCPU x 0.04048 = 41.37 + 2,044 GB-h x 0.004445 = 9.09; behind its ALB:
	// 730 h x 0.0225 = 16.43 + 500 LCU-h x 0.008 = 4.00; total 70.89
	for _, want := range []string{"✗ memory_mb must be", "showing the last good result", "$70.89"} {
		if !strings.Contains(view, want) {
			t.Errorf("view lacks %q", want)
		}
	}
	// Saving is refused while the text does not parse.
	press(t, m, "esc", "s")
	if m.prompt != nil {
		t.Error("save of an invalid file asked for a path")
	}
	// Fixing the value clears the error.
	press(t, m, "e")
	formFocus(t, m, "memory MB")
	press(t, m, "ctrl+u")
	typeText(t, m, "2048")
	if len(f.errs) != 0 {
		t.Fatalf("errors after fixing: %+v", f.errs)
	}
}

// TestStaleResultsDropped: when an older evaluation finishes after a newer
// one, its result is ignored.
func TestStaleResultsDropped(t *testing.T) {
	m := newTestModel(t, 100, 30, example(t, "shop"))
	press(t, m, "e")
	formFocus(t, m, "memory MB")
	press(t, m, "ctrl+u")
	// Type without running the evaluations the keys start.
	var cmds []tea.Cmd
	for _, r := range "40" {
		_, cmd := m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
		cmds = append(cmds, cmd)
	}
	// memory_mb "4" (too small) is older than "40" (also too small but
	// different); evaluate newest first, then the stale one.
	newest := cmds[1]()
	stale := cmds[0]()
	m.Update(newest)
	got := fmt.Sprint(m.files[0].errs)
	m.Update(stale)
	if after := fmt.Sprint(m.files[0].errs); after != got {
		t.Fatalf("a stale result replaced the newer one:\nnewer %s\nafter %s", got, after)
	}
	if !strings.Contains(got, "40") {
		t.Errorf("errors %s are not about the newest value 40", got)
	}
	if m.files[0].evaluating {
		t.Error("still evaluating after the newest result")
	}
}

func TestDebounce(t *testing.T) {
	m := newTestModel(t, 100, 30, example(t, "shop"))
	m.cfg.Debounce = 50_000_000 // 50ms
	press(t, m, "e")
	formFocus(t, m, "memory MB")
	_, first := m.Update(keyMsg("1"))
	_, second := m.Update(keyMsg("2"))
	// The first tick fires for an old generation: it starts nothing.
	if _, cmd := m.Update(first()); cmd != nil {
		t.Error("a superseded debounce tick started an evaluation")
	}
	msg := second()
	_, eval := m.Update(msg)
	if eval == nil {
		t.Fatal("the last debounce tick did not start an evaluation")
	}
	m.Update(eval())
	if v, _ := m.files[0].doc.Get(0, "components[0].execution.memory_mb"); v != "102412" {
		t.Errorf("memory_mb = %q", v)
	}
}

const brokenProfile = `apiVersion: hybridadvisor/v1
name: broken
components:
  - name: api
    trigger: htp
    traffic: {requests_per_month: 1000}
    execution: {avg_duration: 100ms, memroy_mb: 512}
`

// TestBrokenFileShowsErrorsAtTheirLines: a file that does not parse opens
// with its errors and source lines; the others still load.
func TestBrokenFileShowsErrorsAtTheirLines(t *testing.T) {
	t.Chdir(t.TempDir())
	bad := "bad.yaml"
	if err := os.WriteFile(bad, []byte(brokenProfile), 0o644); err != nil {
		t.Fatal(err)
	}
	missing := "missing.yaml"
	m := newTestModel(t, 100, 30, Source{Path: bad}, example(t, "starter"), Source{Path: missing, Err: fmt.Errorf("cannot read %s: no such file or directory", missing)})
	if f, _, _ := m.current(); f.path != bad {
		t.Fatalf("selected %s first", f.path)
	}
	view := m.View()
	golden(t, "broken-file", view)
	for _, want := range []string{"5:14", "trigger: htp", "^", "7:38", "did you mean"} {
		if !strings.Contains(view, want) {
			t.Errorf("view lacks %q", want)
		}
	}
	if len(m.files[1].archs) != 1 {
		t.Fatal("the good file did not load")
	}
	press(t, m, "down")
	if f, _, c := m.current(); f != m.files[1] || c == nil {
		t.Fatal("cannot select the good file's component")
	}
	press(t, m, "G", "down", "down", "down", "down", "down")
	if f, _, _ := m.current(); f != m.files[2] || !strings.Contains(m.View(), "no such file") {
		t.Error("the unreadable file is not shown")
	}
}

// TestSaveRoundTrip: saving writes the edit and nothing else; comments,
// alignment and blank lines survive.
func TestSaveRoundTrip(t *testing.T) {
	orig, _ := profile.Template("shop")
	path := filepath.Join(t.TempDir(), "shop.yaml")
	if err := os.WriteFile(path, orig, 0o600); err != nil {
		t.Fatal(err)
	}
	m := newTestModel(t, 100, 30, Source{Path: path})
	press(t, m, "e")
	formFocus(t, m, "requests/month")
	press(t, m, "ctrl+u")
	typeText(t, m, "60M")
	formFocus(t, m, "concurrency")
	press(t, m, "ctrl+u")
	typeText(t, m, "100")
	press(t, m, "esc", "down", "down", "down", "down", "e") // notifications: no concurrency written
	formFocus(t, m, "concurrency")
	press(t, m, "ctrl+u")
	typeText(t, m, "5")
	press(t, m, "esc", "s")
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Replace(string(orig), "requests_per_month: 45000000   # ~1.5M", "requests_per_month: 60000000   # ~1.5M", 1)
	want = strings.Replace(want, "      memory_mb: 1024\n      concurrency: 80\n", "      memory_mb: 1024\n      concurrency: 100\n", 1)
	want = strings.Replace(want, "      avg_duration: 300ms\n      memory_mb: 256\n", "      avg_duration: 300ms\n      memory_mb: 256\n      concurrency: 5\n", 1)
	if string(got) != want {
		t.Fatalf("saved file differs from the original with the three edits:\n%s", got)
	}
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o600 {
		t.Errorf("mode changed to %v", info.Mode().Perm())
	}
	if m.files[0].dirty() || strings.Contains(m.View(), "modified") {
		t.Error("still modified after saving")
	}
	if !strings.Contains(m.status, "saved") {
		t.Errorf("status = %q", m.status)
	}
	// Quitting now needs no question.
	if !press(t, m, "q") {
		t.Error("q with nothing unsaved did not quit")
	}
}

// TestRequestsPerSecondBecomesPerMonth: traffic given per second is replaced
// by the monthly figure typed, in place.
func TestRequestsPerSecondBecomesPerMonth(t *testing.T) {
	m := newTestModel(t, 100, 30, example(t, "shop"))
	press(t, m, "down", "e") // catalog: requests_per_second: 25
	if selected(m) != "catalog" {
		t.Fatalf("selected %q", selected(m))
	}
	if got := m.form.fields[0].input.Value(); got != "65700000" {
		t.Errorf("requests/month shown as %q", got)
	}
	press(t, m, "backspace")
	src := string(m.files[0].src)
	if strings.Contains(src, "requests_per_second: 25") || !strings.Contains(src, "requests_per_month: 6570000        # steady") {
		t.Errorf("traffic not rewritten in place:\n%s", src)
	}
}

func TestQuitWithUnsavedChanges(t *testing.T) {
	orig, _ := profile.Template("starter")
	t.Chdir(t.TempDir())
	path := "starter.yaml"
	if err := os.WriteFile(path, orig, 0o644); err != nil {
		t.Fatal(err)
	}
	edit := func(m *Model) {
		press(t, m, "e")
		formFocus(t, m, "memory MB")
		typeText(t, m, "0")
		press(t, m, "esc")
	}

	m := newTestModel(t, 80, 24, Source{Path: path})
	edit(m)
	if press(t, m, "q") {
		t.Fatal("quit without asking")
	}
	view := m.View()
	golden(t, "quit-prompt", view)
	if !strings.Contains(view, "Unsaved changes in") {
		t.Fatalf("no question:\n%s", view)
	}
	// esc cancels: still running, still modified.
	if press(t, m, "esc") || m.prompt != nil || !m.files[0].dirty() {
		t.Fatal("esc did not cancel the quit")
	}
	// n quits without saving.
	if !press(t, m, "q", "n") {
		t.Fatal("n did not quit")
	}
	if got, _ := os.ReadFile(path); string(got) != string(orig) {
		t.Fatal("n wrote the file")
	}

	// y saves, then quits.
	m = newTestModel(t, 80, 24, Source{Path: path})
	edit(m)
	if !press(t, m, "q", "y") {
		t.Fatal("y did not quit")
	}
	got, _ := os.ReadFile(path)
	if string(got) == string(orig) || !strings.Contains(string(got), "0\n") {
		t.Fatalf("y did not save:\n%s", got)
	}
	// ctrl+c asks too, even from the form.
	m = newTestModel(t, 80, 24, Source{Path: path})
	press(t, m, "e")
	formFocus(t, m, "memory MB")
	typeText(t, m, "0")
	if press(t, m, "ctrl+c") || m.prompt == nil || m.prompt.kind != promptQuit {
		t.Fatal("ctrl+c in the form did not ask")
	}
}

// TestReadOnlyExampleSavesACopy: the embedded example is never written; s asks
// for a path, and the copy becomes the file being edited.
func TestReadOnlyExampleSavesACopy(t *testing.T) {
	t.Chdir(t.TempDir())
	m := newTestModel(t, 80, 24, example(t, "shop"))
	press(t, m, "e")
	formFocus(t, m, "pattern")
	press(t, m, "right", "esc")
	// Quitting asks; y opens the save-as question for the read-only file.
	press(t, m, "q", "y")
	if m.prompt == nil || m.prompt.kind != promptSaveAs {
		t.Fatalf("prompt = %+v", m.prompt)
	}
	want := "shop.yaml"
	if got := m.prompt.input.Value(); got != want {
		t.Errorf("proposed %q, want %q", got, want)
	}
	golden(t, "save-as-prompt", m.View())
	if !press(t, m, "enter") {
		t.Fatal("saving the copy did not finish the quit")
	}
	got, err := os.ReadFile(want)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(got), "pattern: spiky               # busy evenings") {
		t.Errorf("copy lacks the edit:\n%s", got)
	}
	if m.files[0].readOnly || m.files[0].path != want {
		t.Error("the copy did not become the edited file")
	}
}

func TestExportReport(t *testing.T) {
	dir := t.TempDir()
	cfg := testConfig(t)
	cfg.ExportDir = dir
	m, err := New(cfg, []Source{example(t, "shop")})
	if err != nil {
		t.Fatal(err)
	}
	run(t, m, m.Init())
	send(t, m, tea.WindowSizeMsg{Width: 100, Height: 30})
	press(t, m, "x")
	if m.prompt == nil || m.prompt.kind != promptExport {
		t.Fatal("x did not ask for a path")
	}
	press(t, m, "enter")
	path := filepath.Join(dir, "shop-report.md")
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (status %q)", err, m.status)
	}
	for _, want := range []string{"shop", "storefront", "aws-fargate"} {
		if !strings.Contains(string(got), want) {
			t.Errorf("report lacks %q", want)
		}
	}
	// Exporting again asks before overwriting.
	press(t, m, "x", "enter")
	if m.prompt == nil || m.prompt.kind != promptOverwrite {
		t.Fatal("no overwrite question")
	}
	press(t, m, "n")
	if m.prompt != nil {
		t.Fatal("n did not close the question")
	}
}

// TestHostileNamesAreCleaned: escape sequences in names never reach the terminal.
func TestHostileNamesAreCleaned(t *testing.T) {
	src := "apiVersion: hybridadvisor/v1\nname: \"evil\\e[2J\"\ndescription: \"bell\\a and \\e]0;title\\a\"\ncomponents:\n  - name: \"x\\e[31mred\"\n    trigger: http\n    traffic: {requests_per_month: 1000}\n    execution: {avg_duration: 100ms}\n"
	m := newTestModel(t, 100, 30, Source{Path: "evil.yaml", Data: []byte(src)})
	for _, s := range []string{"1", "2", "3"} {
		press(t, m, s)
		if v := m.View(); strings.ContainsAny(v, "\x1b\a") {
			t.Fatalf("screen %s prints control characters: %q", s, v)
		}
	}
}

// TestInvisibleCharactersShown: zero-width and bidi characters in a
// description show as escapes, on the screens and in the edit field, as in
// every other output.
func TestInvisibleCharactersShown(t *testing.T) {
	src := "apiVersion: hybridadvisor/v1\nname: inv\ndescription: \"a\\u200bb \\u202Eevil\"\ncomponents:\n  - name: api\n    trigger: http\n    traffic: {requests_per_month: 1000}\n    execution: {avg_duration: 100ms}\n"
	m := newTestModel(t, 100, 30, Source{Path: "inv.yaml", Data: []byte(src)})
	seen := false
	for _, s := range []string{"1", "2", "3"} {
		press(t, m, s)
		v := m.View()
		if strings.ContainsAny(v, "\u200b\u202e") {
			t.Fatalf("screen %s prints an invisible character: %q", s, v)
		}
		seen = seen || strings.Contains(v, `a\u200bb \u202eevil`)
	}
	if !seen {
		t.Error("the description's escapes are on no screen")
	}
	tf := newTextField("a\u200bb\u202e")
	for _, focused := range []bool{false, true} {
		if v := tf.View(30, focused, newStyles()); !strings.Contains(v, `\u200bb`) || strings.ContainsAny(v, "\u200b\u202e") {
			t.Errorf("text field (focused %v) shows %q", focused, v)
		}
	}
}

// TestMultiDocumentFile: each YAML document is an architecture; an edit goes
// to the document of the selected component.
func TestMultiDocumentFile(t *testing.T) {
	one := "apiVersion: hybridadvisor/v1\nname: %s\ncomponents:\n  - name: %s   # the only one\n    trigger: queue\n    traffic: {requests_per_month: 1000}\n    execution: {avg_duration: 100ms}\n"
	src := fmt.Sprintf(one, "first", "a") + "---\n" + fmt.Sprintf(one, "second", "b")
	m := newTestModel(t, 100, 30, Source{Path: "two.yaml", Data: []byte(src)})
	if len(m.files[0].archs) != 2 {
		t.Fatalf("%d architectures", len(m.files[0].archs))
	}
	press(t, m, "down")
	if selected(m) != "b" {
		t.Fatalf("selected %q", selected(m))
	}
	press(t, m, "e")
	formFocus(t, m, "memory MB")
	if !strings.Contains(m.View(), "default") {
		t.Error("a defaulted field is not marked")
	}
	press(t, m, "ctrl+u")
	typeText(t, m, "2048")
	want := fmt.Sprintf(one, "first", "a") + "---\n" + strings.Replace(fmt.Sprintf(one, "second", "b"),
		"execution: {avg_duration: 100ms}", "execution: {avg_duration: 100ms, memory_mb: 2048}", 1)
	if got := string(m.files[0].src); got != want {
		t.Fatalf("text:\n%s", got)
	}
	if w := m.files[0].archs[1].res.Components[0].Workload; w.MemoryMB.Value != "2048" {
		t.Errorf("second architecture not re-evaluated: memory %v", w.MemoryMB)
	}
}

// TestCancelledSaveAsDoesNotQuitLater: esc on the save-as question of a quit
// leaves the quit; a later save-as only saves.
func TestCancelledSaveAsDoesNotQuitLater(t *testing.T) {
	t.Chdir(t.TempDir())
	m := newTestModel(t, 80, 24, example(t, "starter"))
	press(t, m, "e")
	formFocus(t, m, "memory MB")
	typeText(t, m, "0")
	press(t, m, "esc", "q", "y")
	if m.prompt == nil || m.prompt.kind != promptSaveAs {
		t.Fatal("no save-as question")
	}
	press(t, m, "esc")
	press(t, m, "s")
	if press(t, m, "enter") {
		t.Fatal("a plain save quit the program")
	}
	if _, err := os.Stat("starter.yaml"); err != nil {
		t.Fatal(err)
	}
}

// TestKeysArrivingTogether: "jj" read in one go moves twice; in a text field
// it is text.
func TestKeysArrivingTogether(t *testing.T) {
	m := newTestModel(t, 100, 30, example(t, "shop"))
	send(t, m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("jj")})
	if selected(m) != "auth" {
		t.Fatalf("selected %q after jj", selected(m))
	}
	press(t, m, "e")
	formFocus(t, m, "memory MB")
	press(t, m, "ctrl+u")
	send(t, m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("512")})
	if v, _ := m.files[0].doc.Get(0, "components[2].execution.memory_mb"); v != "512" {
		t.Fatalf("memory_mb = %q", v)
	}
}

// checkFooter: the key line (the last) always shows how to get help and how
// to quit, never cut off.
func checkFooter(t *testing.T, name, view string) {
	t.Helper()
	lines := strings.Split(view, "\n")
	last := ansi.Strip(lines[len(lines)-1])
	if strings.Contains(last, "…") {
		t.Errorf("%s: key line is cut off: %q", name, last)
	}
	want := []string{"ctrl+c quit"} // the form: q is typed into the field
	if !strings.Contains(last, "ctrl+c quit") {
		want = []string{"?", "q quit"}
	}
	for _, s := range want {
		if !strings.Contains(last, s) {
			t.Errorf("%s: key line lacks %q: %q", name, s, last)
		}
	}
}

// TestFooterAlwaysHelpQuit: at every width from the minimum up, in browse
// mode, the help and the form, the key line keeps "? help" and "q quit".
func TestFooterAlwaysHelpQuit(t *testing.T) {
	m := newTestModel(t, 80, 24, example(t, "shop"))
	for w := minWidth; w <= 140; w++ {
		send(t, m, tea.WindowSizeMsg{Width: w, Height: 24})
		for _, keys := range [][]string{{"1"}, {"2"}, {"3"}, {"?"}, {"esc", "e"}, {"esc"}} {
			press(t, m, keys...)
			checkFooter(t, fmt.Sprintf("%d %v", w, keys), m.View())
		}
	}
}
