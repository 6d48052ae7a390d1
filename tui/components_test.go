package tui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hybridadvisor/hybridadvisor/advisor/result"
	tea "github.com/hybridadvisor/hybridadvisor/tui/internal/bubbletea"
)

// The sub-models on their own: each is driven through Update and read back
// through its state or View, without the root model.

func numbered(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("line %d", i+1)
	}
	return out
}

func TestPaneScrollsAndMarksHiddenLines(t *testing.T) {
	st := newStyles()
	keys := newScrollKeys(newBrowseKeys())
	p := newPane()
	p.setSize(40, 8) // a page is 5 lines
	content := numbered(20)
	if got := p.draw(content, 6, st); got[0] != "line 1" || !strings.Contains(got[5], "↓ 14 more lines") {
		t.Fatalf("top: %q", got)
	}
	p.scroll(keyMsg("pgdown"), keys)
	got := p.draw(content, 6, st)
	if !strings.Contains(got[0], "↑ 5 more lines") || got[1] != "line 7" {
		t.Fatalf("after pgdn: %q", got)
	}
	p.scroll(keyMsg("G"), keys)
	got = p.draw(content, 6, st)
	if p.offset() != 14 || got[5] != "line 20" {
		t.Fatalf("after G: offset %d, %q", p.offset(), got)
	}
	// The offset stays within the content as it is drawn next.
	got = p.draw(numbered(8), 6, st)
	if p.offset() != 2 || got[5] != "line 8" {
		t.Fatalf("shorter content: offset %d, %q", p.offset(), got)
	}
	p.scroll(keyMsg("g"), keys)
	if p.offset() != 0 {
		t.Fatalf("after g: offset %d", p.offset())
	}
	if p.scroll(keyMsg("x"), keys) {
		t.Error("x is not a scroll key")
	}
}

func TestComponentScreenOptions(t *testing.T) {
	s := newComponentScreen(newStyles(), newBrowseKeys())
	c := &result.Component{Name: "api", Recommendation: result.Recommendation{Platform: "b"},
		Options: []result.Option{{Platform: "a"}, {Platform: "b"}, {Platform: "c"}}}
	s.setFocus(focus{comp: c})
	s.resetOption()
	if s.option != 1 {
		t.Fatalf("reset: option %d, want the recommended 1", s.option)
	}
	for _, step := range []struct {
		key  string
		want int
	}{{"right", 2}, {"l", 0}, {"left", 2}, {"h", 1}} {
		s.Update(keyMsg(step.key))
		if s.option != step.want {
			t.Fatalf("%s: option %d, want %d", step.key, s.option, step.want)
		}
	}
	if k := s.KeyMap().ShortHelp(); len(k) != 2 || k[1].Help().Desc != "next option" {
		t.Errorf("keys %v", k)
	}
}

func TestCurveScreenCyclesClouds(t *testing.T) {
	s := newCurveScreen(newStyles(), newBrowseKeys())
	arch := &archState{res: &result.Architecture{Cloud: "azure"}}
	s.setFocus(focus{arch: arch, clouds: []string{"aws", "azure", "gcp"}})
	var seen []string
	for range 4 {
		s.Update(keyMsg("right"))
		seen = append(seen, s.cloud)
	}
	if got := strings.Join(seen, " "); got != "gcp aws azure gcp" {
		t.Errorf("right from the primary azure: %s", got)
	}
	s.cloud = ""
	s.Update(keyMsg("left"))
	if s.cloud != "aws" {
		t.Errorf("left from the primary azure: %s", s.cloud)
	}
}

func TestListPaneMovesOverSelectableRows(t *testing.T) {
	files := []*file{
		{archs: []archState{{res: &result.Architecture{Components: []result.Component{{Name: "a"}, {Name: "b"}}}}}},
		{loadErr: "unreadable"},
	}
	rows := []row{
		{kind: rowFile, file: 0, arch: -1, comp: -1}, {kind: rowArch, file: 0, arch: 0, comp: -1},
		{kind: rowComp, file: 0, arch: 0, comp: 0}, {kind: rowComp, file: 0, arch: 0, comp: 1},
		{kind: rowFile, file: 1, arch: -1, comp: -1},
	}
	l := newListPane(newStyles(), newBrowseKeys())
	l.show(files, rows, selection{file: 0, arch: 0, comp: 0})
	var path []selection
	for _, k := range []string{"down", "j", "j", "up", "k", "k"} {
		l.Update(keyMsg(k))
		if !l.moved {
			t.Fatalf("%s did not move", k)
		}
		path = append(path, l.sel)
	}
	want := []selection{{0, 0, 1}, {1, -1, -1}, {1, -1, -1}, {0, 0, 1}, {0, 0, 0}, {0, 0, 0}}
	if fmt.Sprint(path) != fmt.Sprint(want) {
		t.Errorf("moves %v, want %v", path, want)
	}
	l.SetSize(30, 6)
	if view := l.View(); strings.Count(view, "\n") != 5 || !strings.Contains(view, "▸") {
		t.Errorf("view:\n%s", view)
	}
}

func TestPromptOutcomes(t *testing.T) {
	yn := &prompt{kind: promptQuit, question: "Save?", st: newStyles()}
	for key, want := range map[string]promptOutcome{"y": promptConfirmed, "N": promptDeclined, "esc": promptCancelled, "x": promptOpen} {
		yn.Update(keyMsg(key))
		if yn.outcome != want {
			t.Errorf("yes/no %s: outcome %d, want %d", key, yn.outcome, want)
		}
	}
	in := &prompt{kind: promptSaveAs, question: "Path:", input: newTextField(""), st: newStyles()}
	in.Update(keyMsg("a"))
	if in.outcome != promptEdited || in.input.Value() != "a" {
		t.Errorf("typing: outcome %d, value %q", in.outcome, in.input.Value())
	}
	in.Update(keyMsg("y")) // text, not an answer
	in.Update(keyMsg("enter"))
	if in.outcome != promptConfirmed || in.input.Value() != "ay" {
		t.Errorf("enter: outcome %d, value %q", in.outcome, in.input.Value())
	}
	in.SetSize(30, 1)
	if v := in.View(); !strings.HasPrefix(v, "Path: ay") {
		t.Errorf("view %q", v)
	}
	if k := in.KeyMap().ShortHelp(); len(k) != 2 || k[0].Help().Key != "enter" {
		t.Errorf("keys %v", k)
	}
}

func TestFormComponent(t *testing.T) {
	var applied []string
	form := &editForm{st: newStyles(), keys: newFormKeys(), file: &file{}, name: "api", base: "components[0]",
		apply: func(form *editForm, ff *formField) tea.Cmd {
			applied = append(applied, ff.spec.path+"="+ff.value())
			return nil
		}}
	form.fields = []formField{
		{spec: fieldSpec{label: "memory MB", path: "execution.memory_mb", kind: fieldText}, input: newTextField("512"), written: true},
		{spec: fieldSpec{label: "state", path: "state", kind: fieldEnum, enum: []string{"stateless", "stateful"}}},
	}
	form.Update(keyMsg("backspace"))
	form.Update(keyMsg("tab"))
	form.Update(keyMsg("right"))
	form.Update(keyMsg("x")) // not a choice key
	if got := strings.Join(applied, " "); got != "execution.memory_mb=51 state=stateful" {
		t.Errorf("applied %s", got)
	}
	if form.typing() {
		t.Error("an enum field has the focus: keys are commands")
	}
	form.SetSize(60, 10)
	if v := form.View(); !strings.Contains(v, "WHAT-IF api") || !strings.Contains(v, "stateful") {
		t.Errorf("view:\n%s", v)
	}
	form.Update(keyMsg("esc"))
	if !form.closed {
		t.Error("esc did not close the form")
	}
}
