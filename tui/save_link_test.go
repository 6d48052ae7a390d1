package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hybridadvisor/hybridadvisor/advisor/profile"
)

// TestSaveThroughASymlink: saving a profile opened through a symbolic link
// writes the link's target (atomically) and keeps the link.
func TestSaveThroughASymlink(t *testing.T) {
	orig, _ := profile.Template("shop")
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "shared"), 0o755); err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(dir, "shared", "shop.yaml")
	if err := os.WriteFile(target, orig, 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "shop.yaml")
	if err := os.Symlink("shared/shop.yaml", link); err != nil {
		t.Skip(err)
	}
	m := newTestModel(t, 100, 30, Source{Path: link})
	press(t, m, "e")
	formFocus(t, m, "requests/month")
	press(t, m, "ctrl+u")
	typeText(t, m, "60M")
	press(t, m, "esc", "s")
	if !strings.Contains(m.status, "saved") {
		t.Fatalf("status = %q", m.status)
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the link was replaced by a file: %v %v", info, err)
	}
	got, _ := os.ReadFile(target)
	if !strings.Contains(string(got), "requests_per_month: 60000000") {
		t.Errorf("the target was not written:\n%s", got)
	}
}

// TestNonProfileLinesAreShownBriefly: a file that is not YAML mappings (a .env
// file) opens with its error, but its lines are shown only in part.
func TestNonProfileLinesAreShownBriefly(t *testing.T) {
	t.Chdir(t.TempDir())
	const secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
	if err := os.WriteFile("env.yaml", []byte("AWS_SECRET_ACCESS_KEY="+secret+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	m := newTestModel(t, 120, 30, Source{Path: "env.yaml"})
	view := m.View()
	if !strings.Contains(view, "AWS_SECRET_ACCES…") || strings.Contains(view, secret[:4]) {
		t.Errorf("view:\n%s", view)
	}
}
