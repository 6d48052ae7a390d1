package importer

import (
	"encoding/json"
	"errors"
	"fmt"
	"github.com/hybridadvisor/hybridadvisor/pricing"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/hybridadvisor/hybridadvisor/advisor/profile"
)

// Marker starts the comment of every placeholder Render writes: a value the
// sources cannot give. The profile parser looks for it (profile.ImportMarker is
// the same text), so score, report and the TUI warn while one is left.
const Marker = profile.ImportMarker

// TrafficTODO is the comment of the traffic placeholder.
const TrafficTODO = Marker + "; replace with measured traffic"

// Placeholders, written where the sources say nothing (docs/import.md
// explains each value and why it was chosen).
const (
	// PlaceholderRequests is the monthly requests of a component that serves
	// requests or events: about 0.4 requests a second, a small production
	// service, so costs are neither free-tier noise nor dominated by traffic.
	PlaceholderRequests = 1_000_000
	// PlaceholderRuns is the monthly runs of a scheduled or manual job: daily.
	PlaceholderRuns = 30
	// PlaceholderTrigger is the trigger of a component whose sources give no
	// entry point: a service without ports or routes usually consumes work.
	PlaceholderTrigger = "queue"
)

// placeholderDuration is the average duration assumed per trigger: a typical
// API request, an event handled by a consumer, a batch job run.
func placeholderDuration(trigger string) time.Duration {
	switch trigger {
	case "http":
		return 200 * time.Millisecond
	case "schedule", "manual":
		return time.Minute
	}
	return time.Second
}

func jobTrigger(trigger string) bool { return trigger == "schedule" || trigger == "manual" }

// LineMap maps a line of a rendered draft (1-based) to the source of the
// value written there; lines with no source (the header, placeholders) map to
// their component's source, or to nothing outside components.
type LineMap []Source

// Locate returns the source of draft line n.
func (m LineMap) Locate(n int) (Source, bool) {
	if n < 1 || n > len(m) || m[n-1].File == "" {
		return Source{}, false
	}
	return m[n-1], true
}

// Rendered is a draft profile's text and where each line came from.
type Rendered struct {
	Text  []byte
	Lines LineMap
	// Dropped lists the source values the profile format refused (a memory
	// below the profile's minimum, say): left out of the draft and listed in
	// its notes.
	Dropped []Note
}

// Render writes the draft as a hybridadvisor/v1 profile named name (the
// draft's own name when empty).
func Render(d *Draft, name string) (*Rendered, error) { return render(d, name, nil, nil) }

// Render writes the outcome's draft with its skipped and malformed files
// listed in the header.
func (o *Outcome) Render(name string) (*Rendered, error) {
	return render(o.Draft, name, o.Skipped, o.Errors)
}

// maxRenderPasses bounds the passes that drop values the profile refuses:
// each pass drops at least one value, and a draft rarely needs more than one.
const maxRenderPasses = 8

func render(d *Draft, name string, skipped []Skip, errs []error) (*Rendered, error) {
	if d == nil {
		d = &Draft{}
	}
	if name == "" {
		name = d.Name
	}
	if name = cleanName(name); name == "component" && d.Name == "" {
		name = "imported"
	}
	dropped := map[*Field]string{}
	var droppedNotes []Note
	for range maxRenderPasses {
		w := &writer{draft: d, name: name, skipped: skipped, errs: errs, dropped: dropped, droppedNotes: droppedNotes}
		w.write()
		if len(d.Components) == 0 {
			return &Rendered{Text: w.buf(), Lines: w.lines, Dropped: droppedNotes}, nil
		}
		_, perr := profile.Parse("draft.yaml", w.buf())
		if perr == nil {
			return &Rendered{Text: w.buf(), Lines: w.lines, Dropped: droppedNotes}, nil
		}
		var list profile.Errors
		if !errors.As(perr, &list) {
			return nil, perr
		}
		progress := false
		for _, e := range list {
			if e.Line < 1 || e.Line > len(w.fields) {
				continue
			}
			for _, f := range w.fields[e.Line-1] {
				if _, done := dropped[f]; done {
					continue
				}
				dropped[f] = e.Message
				droppedNotes = append(droppedNotes, Note{From: f.From, Text: fmt.Sprintf("%s %s is left out: %s", f.Path, valueText(f.Value), e.Message)})
				progress = true
			}
		}
		if !progress {
			return nil, fmt.Errorf("the draft does not parse (an importer bug, please report it): %w", perr)
		}
	}
	return nil, errors.New("the draft does not parse after dropping the values the profile refuses (an importer bug, please report it)")
}

// writer builds the text line by line, recording each line's source and the
// field it writes.
type writer struct {
	draft        *Draft
	name         string
	skipped      []Skip
	errs         []error
	dropped      map[*Field]string
	droppedNotes []Note

	out   []string
	lines LineMap
	// fields are the source values each line writes: one for a value's line,
	// every value under it for a section's line.
	fields [][]*Field
}

func (w *writer) buf() []byte { return []byte(strings.Join(w.out, "\n") + "\n") }

func (w *writer) line(text string, from Source, f *Field) {
	var fs []*Field
	if f != nil {
		fs = []*Field{f}
	}
	w.out = append(w.out, text)
	w.lines = append(w.lines, from)
	w.fields = append(w.fields, fs)
}

func (w *writer) comment(text string) {
	indent := len(text) - len(strings.TrimLeft(text, " "))
	w.line(strings.TrimRight("# "+text[:indent]+oneLine(text), " "), Source{}, nil)
}

func (w *writer) write() {
	d := w.draft
	files := sourceFiles(d)
	w.comment("Draft profile written by `hybridadvisor import` from " + filesText(files) + ".")
	w.comment("Each value's comment names the file and line it comes from. Values marked")
	w.comment("\"TODO: not in the sources\" are placeholders (docs/import.md explains them):")
	w.comment("replace them with measured values; score, report and tui warn while one is left.")
	w.section("Unknown resources (not imported):", d.Unknown)
	w.section("Notes:", sortNotes(append(slices.Clone(d.Notes), w.droppedNotes...)))
	if len(w.skipped) > 0 {
		w.comment("")
		w.comment("Skipped files:")
		for _, s := range w.skipped {
			w.comment("  " + s.Path + ": " + s.Reason)
		}
	}
	if len(w.errs) > 0 {
		w.comment("")
		w.comment("Malformed files (not imported):")
		for _, e := range w.errs {
			w.comment("  " + e.Error())
		}
	}
	w.line("apiVersion: "+profile.APIVersion, Source{}, nil)
	w.line("name: "+yamlString(w.name), Source{}, nil)
	w.line("description: "+yamlString(w.description()), Source{}, nil)
	w.regions()
	if len(d.Components) == 0 {
		w.line("components: []", Source{}, nil)
		return
	}
	w.line("components:", Source{}, nil)
	for _, c := range d.Components {
		w.component(c)
	}
}

func (w *writer) section(title string, notes []Note) {
	if len(notes) == 0 {
		return
	}
	w.comment("")
	w.comment(title)
	for _, n := range notes {
		w.comment("  " + where(n.From) + n.Text)
	}
}

// where is "file:line: " for a note's source, "" when it has none.
func where(s Source) string {
	if s.File == "" {
		return ""
	}
	return sourceText(s) + ": "
}

func sourceText(s Source) string {
	if s.Line > 0 {
		return s.File + ":" + itoa(s.Line)
	}
	return s.File
}

func sourceFiles(d *Draft) []string {
	seen := map[string]bool{}
	add := func(s Source) {
		if s.File != "" {
			seen[s.File] = true
		}
	}
	for _, c := range d.Components {
		add(c.From)
		for _, f := range c.Fields {
			add(f.From)
		}
	}
	for _, n := range d.Notes {
		add(n.From)
	}
	for _, n := range d.Unknown {
		add(n.From)
	}
	files := make([]string, 0, len(seen))
	for f := range seen {
		files = append(files, f)
	}
	sort.Strings(files)
	return files
}

func filesText(files []string) string {
	switch len(files) {
	case 0:
		return "no file"
	case 1, 2, 3:
		return strings.Join(files, ", ")
	}
	return fmt.Sprintf("%d files (%s, ...)", len(files), strings.Join(files[:3], ", "))
}

// description lists what the draft assumes, within the profile's 2000
// characters.
func (w *writer) description() string {
	d := w.draft
	var untriggered, services, jobs []string
	for _, c := range d.Components {
		trig := c.Trigger
		if trig == "" {
			untriggered = append(untriggered, c.Name)
			trig = PlaceholderTrigger
		}
		if has(c, "traffic.requests_per_month") != nil || has(c, "traffic.requests_per_second") != nil {
			continue
		}
		if jobTrigger(trig) {
			jobs = append(jobs, c.Name)
		} else {
			services = append(services, c.Name)
		}
	}
	var parts []string
	parts = append(parts, fmt.Sprintf("Draft imported from %s.", filesText(sourceFiles(d))))
	var assumed []string
	if len(services) > 0 {
		assumed = append(assumed, fmt.Sprintf("%d requests a month for %s", PlaceholderRequests, namesText(services)))
	}
	if len(jobs) > 0 {
		assumed = append(assumed, fmt.Sprintf("%d runs a month for %s", PlaceholderRuns, namesText(jobs)))
	}
	if len(d.Components) > 0 {
		assumed = append(assumed, "a steady load pattern (sporadic for jobs) unless the sources give one")
	}
	if len(d.Components) > 0 {
		assumed = append(assumed, "avg_duration of 200ms (http), 1s (event-driven) or 1m (jobs) unless a timeout bounds it")
	}
	if len(untriggered) > 0 {
		assumed = append(assumed, fmt.Sprintf("trigger %s for %s (no entry point in the sources)", PlaceholderTrigger, namesText(untriggered)))
	}
	if len(assumed) > 0 {
		parts = append(parts, "Assumed, not in the sources (marked TODO): "+strings.Join(assumed, "; ")+".")
		parts = append(parts, "Replace the TODO values with measured ones before trusting the costs.")
	}
	s := strings.Join(parts, " ")
	if utf8.RuneCountInString(s) > 1900 {
		r := []rune(s)
		s = string(r[:1900]) + "..."
	}
	return s
}

// namesText lists component names, shortened after the first five.
func namesText(names []string) string {
	if len(names) <= 5 {
		return strings.Join(names, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(names[:5], ", "), len(names)-5)
}

// sectionOrder is the order of a component's keys, as docs/profile.md lists
// them; keys not listed follow in name order.
var sectionOrder = []string{
	"name", "description", "trigger", "front_door", "traffic", "execution", "state", "dependencies", "requires", "calls",
	"security", "observability", "resilience", "tags",
	// traffic
	"requests_per_month", "requests_per_second", "pattern", "peak_requests_per_second", "response_kb",
	// execution
	"avg_duration", "max_duration", "memory_mb", "vcpu", "concurrency", "arch", "os", "ephemeral_storage_mb", "gpu", "payload_kb", "min_instances",
	// dependencies
	"complexity", "package_mb", "container_image",
	// security
	"exposure", "auth", "identity", "network", "secrets", "data", "supply_chain", "runtime",
}

func keyRank(k string) int {
	if i := slices.Index(sectionOrder, k); i >= 0 {
		return i
	}
	return len(sectionOrder)
}

// tree is a component's fields nested by path.
type tree struct {
	key      string
	field    *Field // a leaf
	children []*tree
}

func (t *tree) child(key string) *tree {
	for _, c := range t.children {
		if c.key == key {
			return c
		}
	}
	c := &tree{key: key}
	t.children = append(t.children, c)
	return c
}

func (t *tree) sort() {
	sort.SliceStable(t.children, func(i, j int) bool {
		a, b := t.children[i].key, t.children[j].key
		if ra, rb := keyRank(a), keyRank(b); ra != rb {
			return ra < rb
		}
		return a < b
	})
	for _, c := range t.children {
		c.sort()
	}
}

// has reports whether the component states path.
func has(c *Component, path string) *Field {
	for i := range c.Fields {
		if c.Fields[i].Path == path {
			return &c.Fields[i]
		}
	}
	return nil
}

func (w *writer) component(c *Component) {
	from := c.From
	note := c.Kind
	w.line("  - name: "+yamlString(c.Name)+trail(from, note), from, nil)
	root := &tree{}
	seen := map[string]bool{}
	for i := range c.Fields {
		f := &c.Fields[i]
		if _, gone := w.dropped[f]; gone || seen[f.Path] || !validPath(f.Path) {
			continue
		}
		if f.Path == "name" || f.Path == "trigger" || f.Path == "calls" {
			continue // written from the component itself
		}
		seen[f.Path] = true
		t := root
		for _, part := range strings.Split(f.Path, ".") {
			t = t.child(part)
		}
		if t.field != nil || len(t.children) > 0 {
			continue
		}
		t.field = f
	}
	trig := c.Trigger
	if trig == "" {
		w.line("    trigger: "+PlaceholderTrigger+"  "+Marker+"; replace with how it is invoked (http, queue, event, stream, schedule, storage, manual)", from, nil)
		trig = PlaceholderTrigger
	} else {
		w.line("    trigger: "+yamlString(c.Trigger)+trail(orSource(c.TriggerFrom, from), c.TriggerWhy), orSource(c.TriggerFrom, from), nil)
	}
	// Placeholders sit in the tree as synthetic leaves so they are written in
	// their section, in order.
	type ph struct{ path, value, todo string }
	var phs []ph
	if has(c, "traffic.requests_per_month") == nil && has(c, "traffic.requests_per_second") == nil {
		n := PlaceholderRequests
		if jobTrigger(trig) {
			n = PlaceholderRuns
		}
		phs = append(phs, ph{"traffic.requests_per_month", strconv.Itoa(n), TrafficTODO})
	}
	if has(c, "traffic.pattern") == nil {
		p := "steady"
		if jobTrigger(trig) {
			p = "sporadic"
		}
		phs = append(phs, ph{"traffic.pattern", p, Marker + "; replace with the observed load shape (steady, diurnal, spiky, sporadic)"})
	}
	if has(c, "execution.avg_duration") == nil {
		avg := placeholderDuration(trig)
		if f := has(c, "execution.max_duration"); f != nil {
			if _, gone := w.dropped[f]; !gone {
				if m, ok := f.Value.(time.Duration); ok && m > 0 && m < avg {
					avg = m
				}
			}
		}
		phs = append(phs, ph{"execution.avg_duration", durationText(avg), Marker + "; replace with the measured average duration"})
	}
	placeholders := map[*tree]ph{}
	for _, p := range phs {
		t := root
		for _, part := range strings.Split(p.path, ".") {
			t = t.child(part)
		}
		placeholders[t] = p
	}
	root.sort()
	var walk func(t *tree, indent string)
	walk = func(t *tree, indent string) {
		for _, ch := range t.children {
			if p, ok := placeholders[ch]; ok {
				w.line(indent+ch.key+": "+p.value+"  "+p.todo, from, nil)
				continue
			}
			if ch.field != nil {
				f := ch.field
				w.line(indent+yamlKey(ch.key)+": "+valueText(f.Value)+trail(orSource(f.From, from), f.Why), orSource(f.From, from), f)
				continue
			}
			w.line(indent+yamlKey(ch.key)+":", from, nil)
			w.fields[len(w.fields)-1] = ch.leaves()
			walk(ch, indent+"  ")
		}
	}
	walk(root, "    ")
	if len(c.Calls) > 0 {
		w.line("    calls:", from, nil)
		for _, call := range c.Calls {
			mode := call.Mode
			if mode != "async" {
				mode = "sync"
			}
			w.line("      - {to: "+yamlString(call.To)+", mode: "+mode+"}"+trail(orSource(call.From, from), call.Why), orSource(call.From, from), nil)
		}
	}
}

func orSource(s, fallback Source) Source {
	if s.File == "" {
		return fallback
	}
	return s
}

// validPath accepts dotted lower-case key paths; anything else from a reader
// is left out rather than written as YAML the profile cannot hold.
func validPath(p string) bool {
	if p == "" || strings.HasPrefix(p, ".") || strings.HasSuffix(p, ".") || strings.Contains(p, "..") {
		return false
	}
	if tag, ok := strings.CutPrefix(p, "tags."); ok {
		return tag != "" && !strings.ContainsAny(tag, "\n\r")
	}
	for _, r := range p {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' || r == '.') {
			return false
		}
	}
	return true
}

// trail is the comment after a value: its source and, when given, why.
func trail(s Source, why string) string {
	text := sourceText(s)
	if why = oneLine(why); why != "" {
		if text != "" {
			text += " (" + why + ")"
		} else {
			text = why
		}
	}
	if text == "" {
		return ""
	}
	return "  # " + oneLine(text)
}

// oneLine makes text safe inside a YAML comment: valid UTF-8 on one line,
// without control characters.
func oneLine(s string) string {
	s = strings.ToValidUTF8(s, "?")
	return strings.TrimSpace(strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			return ' '
		case r < 0x20 || (r >= 0x7F && r <= 0x9F) || r == 0x2028 || r == 0x2029 || r == 0xFEFF:
			return -1
		}
		return r
	}, s))
}

// valueText writes a field value as a YAML flow scalar or sequence.
func valueText(v any) string {
	switch x := v.(type) {
	case string:
		return yamlString(x)
	case bool:
		return strconv.FormatBool(x)
	case int:
		return strconv.Itoa(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return "0"
		}
		return strconv.FormatFloat(x, 'f', -1, 64)
	case time.Duration:
		return durationText(x)
	case []string:
		parts := make([]string, len(x))
		for i, s := range x {
			parts[i] = yamlString(s)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	return yamlString(fmt.Sprint(v))
}

// durationText writes a duration as the profile reads it: 90s → 1m30s,
// 2h → 2h, 150ms → 150ms.
func durationText(d time.Duration) string {
	if d <= 0 || d%time.Second != 0 {
		return d.String()
	}
	h, m, s := d/time.Hour, (d%time.Hour)/time.Minute, (d%time.Minute)/time.Second
	out := ""
	if h > 0 {
		out += strconv.FormatInt(int64(h), 10) + "h"
	}
	if m > 0 {
		out += strconv.FormatInt(int64(m), 10) + "m"
	}
	if s > 0 {
		out += strconv.FormatInt(int64(s), 10) + "s"
	}
	return out
}

// yamlKey writes a mapping key: plain when it is a simple word, quoted
// otherwise (a tag key may hold anything).
func yamlKey(k string) string {
	if plainSafe(k) {
		return k
	}
	return quote(k)
}

// yamlString writes a string scalar: plain when YAML reads it back as the same
// string, double-quoted (JSON escapes are YAML escapes) otherwise.
func yamlString(s string) string {
	if plainSafe(s) && !looksTyped(s) {
		return s
	}
	return quote(s)
}

func quote(s string) string {
	b, _ := json.Marshal(strings.ToValidUTF8(s, "\uFFFD"))
	return string(b)
}

func plainSafe(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '/' || r == '.' ||
			(i > 0 && (r == '-' || r == '@' || r == ':' && i < len(s)-1 && s[i+1] != ' '))
		if !ok {
			return false
		}
	}
	return true
}

// looksTyped reports whether a plain scalar would be read as something else
// than a string: a number, a boolean, null, a timestamp.
func looksTyped(s string) bool {
	switch strings.ToLower(s) {
	case "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~":
		return true
	}
	if s[0] >= '0' && s[0] <= '9' || s[0] == '.' || s[0] == '-' || s[0] == '+' {
		return true
	}
	return false
}

// leaves are the source values under t.
func (t *tree) leaves() []*Field {
	var out []*Field
	if t.field != nil {
		out = append(out, t.field)
	}
	for _, c := range t.children {
		out = append(out, c.leaves()...)
	}
	return out
}

// regions writes the regions the sources deploy to, those the price tables
// know; any other is noted (the cloud's default region is priced instead).
func (w *writer) regions() {
	book, err := pricing.Load()
	var known []*Field
	for i := range w.draft.Regions {
		f := &w.draft.Regions[i]
		region, _ := f.Value.(string)
		if err == nil && book.CheckRegions(map[string]string{f.Path: region}) != nil {
			if _, done := w.dropped[f]; !done {
				w.dropped[f] = "not priced"
				w.droppedNotes = append(w.droppedNotes, Note{From: f.From, Text: "regions." + f.Path + " " + region +
					" is not in the price tables (known: " + strings.Join(book.Regions(f.Path), ", ") + "); the cloud's default region is priced"})
			}
			continue
		}
		known = append(known, f)
	}
	if len(known) == 0 {
		return
	}
	w.line("regions:", Source{}, nil)
	for _, f := range known {
		w.line("  "+f.Path+": "+yamlString(f.Value.(string))+trail(f.From, f.Why), f.From, f)
	}
}
