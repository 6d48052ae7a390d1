package importer

import (
	"fmt"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
	"gopkg.in/yaml.v3"
)

// composeFormat reads Docker Compose files: each service becomes a component
// (databases, caches and brokers are listed instead, see backingService). In a
// directory, an override file (compose.override.yaml, docker-compose.override.yml)
// is merged over its base file as `docker compose` does (the subset in
// docs/import.md).
type composeFormat struct{}

func (composeFormat) Name() string { return "Docker Compose" }

// composeBases are the file names Compose reads by default, each with the
// override file it merges over it.
var composeBases = []string{"compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml"}

func composeOverrideOf(base string) []string {
	stem := strings.TrimSuffix(strings.TrimSuffix(base, ".yaml"), ".yml")
	return []string{stem + ".override.yaml", stem + ".override.yml"}
}

func composeNamed(name string) bool {
	base := strings.ToLower(filepath.Base(name))
	return (strings.HasPrefix(base, "compose") || strings.HasPrefix(base, "docker-compose")) &&
		(strings.HasSuffix(base, ".yaml") || strings.HasSuffix(base, ".yml"))
}

// Detect accepts YAML whose top level has a services mapping that either a
// Compose file name announces or whose services have an image or a build.
func (composeFormat) Detect(name string, data []byte) bool {
	if !strings.Contains(string(head(data)), "services") && !strings.Contains(string(data), "services") {
		return false
	}
	var root yaml.Node
	if err := ynDecodeOne(yaml.NewDecoder(strings.NewReader(string(data))), &root); err != nil {
		return false
	}
	if budget := ynMaxNodes; ynCheck(name, &root, &budget, 0) != nil {
		return false // a bomb: Read reports it if another format does not take it
	}
	top := ynResolve(&root)
	if top == nil || top.Kind != yaml.MappingNode || ynGet(top, "apiVersion") != nil || ynGet(top, "functions") != nil {
		return false
	}
	services := ynGet(top, "services")
	if services == nil || services.Kind != yaml.MappingNode {
		return false
	}
	if composeNamed(name) {
		return true
	}
	for _, p := range ynPairs(services) {
		if ynGet(p[1], "image") != nil || ynGet(p[1], "build") != nil {
			return true
		}
	}
	return false
}

func (f composeFormat) Read(name string, data []byte) (*Draft, error) {
	return f.ReadGroup(filepath.Dir(name), filepath.Dir(name), []InputFile{{Name: name, Data: data}})
}

// ReadGroup reads the Compose files of one directory: each base file with its
// override merged over it, any other file alone.
func (composeFormat) ReadGroup(root, dir string, files []InputFile) (*Draft, error) {
	byBase := map[string]InputFile{}
	for _, f := range files {
		byBase[strings.ToLower(filepath.Base(f.Name))] = f
	}
	used := map[string]bool{}
	var chains [][]InputFile
	for _, base := range composeBases {
		f, ok := byBase[base]
		if !ok {
			continue
		}
		chain := []InputFile{f}
		used[f.Name] = true
		for _, o := range composeOverrideOf(base) {
			if of, ok := byBase[o]; ok && !used[of.Name] {
				chain = append(chain, of)
				used[of.Name] = true
			}
		}
		chains = append(chains, chain)
	}
	for _, f := range files {
		if !used[f.Name] {
			chains = append(chains, []InputFile{f})
		}
	}
	out := &Draft{}
	var errs SourceErrors
	for _, chain := range chains {
		d, err := readComposeChain(dir, chain)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if out.Name == "" {
			out.Name = d.Name
		}
		out.Components = append(out.Components, d.Components...)
		out.Notes = append(out.Notes, d.Notes...)
		out.Unknown = append(out.Unknown, d.Unknown...)
	}
	if len(errs) > 0 {
		return out, errs
	}
	return out, nil
}

// composeDoc is a parsed Compose file: its top mapping and the file each node
// came from (merged nodes keep their own file).
type composeDoc struct {
	top    *yaml.Node
	fileOf map[*yaml.Node]string
}

func (d *composeDoc) src(n *yaml.Node) Source {
	if n == nil {
		return Source{}
	}
	return ynSrc(d.fileOf[n], n)
}

func readComposeChain(dir string, chain []InputFile) (*Draft, *SourceError) {
	doc := &composeDoc{fileOf: map[*yaml.Node]string{}}
	for i, f := range chain {
		docs, err := ynDecodeAll(f.Name, f.Data)
		if err != nil {
			return nil, asSourceError(f.Name, err)
		}
		var top *yaml.Node
		for _, d := range docs {
			if t := ynResolve(d); t != nil {
				top = t
				break
			}
		}
		if top == nil {
			continue
		}
		if top.Kind != yaml.MappingNode {
			return nil, &SourceError{Source: ynSrc(f.Name, top), Message: "a Compose file is a mapping at the top level"}
		}
		markFile(doc.fileOf, top, f.Name, 0)
		if i == 0 || doc.top == nil {
			doc.top = top
			continue
		}
		budget := ynMaxNodes
		doc.top = composeMerge(doc.fileOf, doc.top, top, "", &budget)
	}
	if doc.top == nil {
		return &Draft{}, nil
	}
	return readCompose(dir, chain[0].Name, doc)
}

// markFile records the file of every node of a tree (aliases are not
// followed: their target is marked where it is defined).
func markFile(m map[*yaml.Node]string, n *yaml.Node, file string, depth int) {
	if n == nil || depth > ynMaxDepth {
		return
	}
	if _, done := m[n]; done {
		return
	}
	m[n] = file
	for _, c := range n.Content {
		markFile(m, c, file, depth+1)
	}
}

// composeReplaced are keys whose override value replaces the base value
// instead of being merged with it.
var composeReplaced = map[string]bool{"command": true, "entrypoint": true, "test": true, "image": true}

// composeMerge merges over onto base as Compose merges an override file:
// mappings key by key, environment and labels as mappings, sequences (ports,
// volumes, depends_on, ...) as the union, and anything else replaced.
func composeMerge(fileOf map[*yaml.Node]string, base, over *yaml.Node, key string, budget *int) *yaml.Node {
	*budget--
	base, over = ynResolve(base), ynResolve(over)
	if *budget < 0 || base == nil || composeReplaced[key] {
		return over
	}
	if over == nil {
		return base
	}
	if key == "environment" || key == "labels" || key == "annotations" {
		base, over = envMapping(fileOf, base), envMapping(fileOf, over)
	}
	switch {
	case base.Kind == yaml.MappingNode && over.Kind == yaml.MappingNode:
		merged := &yaml.Node{Kind: yaml.MappingNode, Tag: base.Tag, Line: base.Line, Column: base.Column}
		fileOf[merged] = fileOf[base]
		index := map[string]int{}
		for _, p := range ynPairs(base) {
			index[p[0].Value] = len(merged.Content)
			merged.Content = append(merged.Content, p[0], p[1])
		}
		for _, p := range ynPairs(over) {
			if i, ok := index[p[0].Value]; ok {
				merged.Content[i+1] = composeMerge(fileOf, merged.Content[i+1], p[1], p[0].Value, budget)
				continue
			}
			merged.Content = append(merged.Content, p[0], p[1])
		}
		return merged
	case base.Kind == yaml.SequenceNode && over.Kind == yaml.SequenceNode:
		merged := &yaml.Node{Kind: yaml.SequenceNode, Tag: base.Tag, Line: base.Line, Column: base.Column}
		fileOf[merged] = fileOf[base]
		seen := map[string]bool{}
		for _, n := range append(ynItems(base), ynItems(over)...) {
			k := seqKey(key, n)
			if k != "" && seen[k] {
				continue
			}
			seen[k] = true
			merged.Content = append(merged.Content, n)
		}
		return merged
	}
	return over
}

// seqKey identifies a sequence item for the union: a volume by its mount
// target, anything else by its text ("" when it has none).
func seqKey(key string, n *yaml.Node) string {
	if key == "volumes" {
		if v := parseVolume(n); v.target != "" {
			return "target:" + v.target
		}
	}
	if s, ok := ynStr(n); ok {
		return s
	}
	return ""
}

// envMapping turns a list of KEY=VALUE items into a mapping whose nodes sit
// at the items' positions; a mapping is returned as is.
func envMapping(fileOf map[*yaml.Node]string, n *yaml.Node) *yaml.Node {
	n = ynResolve(n)
	if n == nil || n.Kind != yaml.SequenceNode {
		return n
	}
	m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: n.Line, Column: n.Column}
	fileOf[m] = fileOf[n]
	for _, item := range ynItems(n) {
		s, ok := ynStr(item)
		if !ok {
			continue
		}
		k, v, hasValue := strings.Cut(s, "=")
		key := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k, Line: item.Line, Column: item.Column}
		val := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v, Line: item.Line, Column: item.Column}
		if !hasValue {
			val.Tag = "!!null"
		}
		fileOf[key], fileOf[val] = fileOf[item], fileOf[item]
		m.Content = append(m.Content, key, val)
	}
	return m
}

// composeService is what one service says, gathered before it becomes a component.
type composeService struct {
	name    string
	keyNode *yaml.Node
	node    *yaml.Node
	image   string
	backing string
}

func readCompose(dir, file string, doc *composeDoc) (*Draft, *SourceError) {
	d := &Draft{}
	if n, ok := ynStr(ynGet(doc.top, "name")); ok && n != "" {
		d.Name = n
	} else if abs, err := filepath.Abs(dir); err == nil {
		d.Name = filepath.Base(abs)
	}
	// include pulls other Compose files into the project; they are not
	// followed (they are imported only when given too).
	if inc := ynGet(doc.top, "include"); inc != nil {
		d.Notes = append(d.Notes, Note{From: doc.src(inc), Text: "include: the included Compose files are not read here; import them too"})
	}
	servicesNode := ynGet(doc.top, "services")
	if servicesNode == nil {
		return d, nil
	}
	if servicesNode.Kind != yaml.MappingNode {
		return nil, &SourceError{Source: doc.src(servicesNode), Message: "services must be a mapping of service names to services"}
	}
	var services []*composeService
	byName := map[string]*composeService{}
	for _, p := range ynPairs(servicesNode) {
		name, _ := ynStr(p[0])
		if p[1].Kind != yaml.MappingNode {
			if p[1].Tag == "!!null" {
				p[1] = &yaml.Node{Kind: yaml.MappingNode}
			} else {
				return nil, &SourceError{Source: doc.src(p[1]), Message: fmt.Sprintf("service %s must be a mapping", name)}
			}
		}
		s := &composeService{name: name, keyNode: p[0], node: p[1]}
		s.image, _ = ynStr(ynGet(p[1], "image"))
		s.backing = backingService(s.image)
		services = append(services, s)
		byName[strings.ToLower(name)] = s
		for _, alias := range []string{"container_name", "hostname"} {
			if a, ok := ynStr(ynGet(p[1], alias)); ok && a != "" {
				if _, taken := byName[strings.ToLower(a)]; !taken {
					byName[strings.ToLower(a)] = s
				}
			}
		}
	}
	if err := composeCycle(doc, services, byName); err != nil {
		return nil, err
	}
	for _, s := range services {
		if s.backing != "" {
			d.Unknown = append(d.Unknown, Note{From: doc.src(s.keyNode),
				Text: fmt.Sprintf("Compose service %s (image %s) is a %s backing service: not imported as a component (its callers get requires.vpc)", s.name, s.image, s.backing)})
			continue
		}
		d.Components = append(d.Components, composeComponent(doc, s, byName, d))
	}
	httpCallees(d.Components)
	return d, nil
}

// httpCallees gives a component without an entry point of its own the http
// trigger when another one calls it at an http(s):// URL: it serves HTTP
// inside the project (exposure internal).
func httpCallees(cs []*Component) {
	byName := map[string]*Component{}
	for _, c := range cs {
		byName[c.Name] = c
	}
	for _, c := range cs {
		for _, call := range c.Calls {
			t := byName[call.To]
			_, value, _ := strings.Cut(call.Why, "=")
			if t == nil || t.Trigger != "" || !(strings.HasPrefix(value, "http://") || strings.HasPrefix(value, "https://")) {
				continue
			}
			t.Trigger, t.TriggerFrom, t.TriggerWhy = "http", call.From, c.Name+" calls "+value
			if has(t, "security.exposure") == nil {
				t.Fields = append(t.Fields, Field{Path: "security.exposure", Value: "internal", From: call.From, Why: "called by " + c.Name + ", no published port"})
			}
		}
	}
}

// dependsOn lists a service's depends_on entries (list or mapping form).
func dependsOn(n *yaml.Node) []*yaml.Node {
	dep := ynGet(n, "depends_on")
	if dep == nil {
		return nil
	}
	if dep.Kind == yaml.MappingNode {
		var keys []*yaml.Node
		for _, p := range ynPairs(dep) {
			keys = append(keys, p[0])
		}
		return keys
	}
	return ynItems(dep)
}

// composeCycle refuses a depends_on cycle, as Compose does.
func composeCycle(doc *composeDoc, services []*composeService, byName map[string]*composeService) *SourceError {
	const (
		white = iota
		grey
		black
	)
	color := map[*composeService]int{}
	var stack []string
	var visit func(s *composeService) *SourceError
	visit = func(s *composeService) *SourceError {
		color[s] = grey
		stack = append(stack, s.name)
		for _, dn := range dependsOn(s.node) {
			name, _ := ynStr(dn)
			t := byName[strings.ToLower(name)]
			if t == nil {
				continue
			}
			switch color[t] {
			case grey:
				i := len(stack) - 1
				for i > 0 && stack[i] != t.name {
					i--
				}
				cycle := append(append([]string{}, stack[i:]...), t.name)
				return &SourceError{Source: doc.src(dn), Message: "depends_on cycle: " + strings.Join(cycle, " -> ") + " (Compose cannot start these services)"}
			case white:
				if err := visit(t); err != nil {
					return err
				}
			}
		}
		stack = stack[:len(stack)-1]
		color[s] = black
		return nil
	}
	for _, s := range services {
		if color[s] == white {
			if err := visit(s); err != nil {
				return err
			}
		}
	}
	return nil
}

// knownPorts are container ports of protocols other than HTTP.
var knownPorts = map[string]string{"5432": "PostgreSQL", "3306": "MySQL", "6379": "Redis", "27017": "MongoDB", "9092": "Kafka",
	"5672": "AMQP", "11211": "Memcached", "2181": "ZooKeeper", "1883": "MQTT", "4222": "NATS", "9042": "Cassandra", "25": "SMTP", "53": "DNS"}

func composeComponent(doc *composeDoc, s *composeService, byName map[string]*composeService, d *Draft) *Component {
	n := s.node
	c := &Component{Name: s.name, Kind: "Compose service", From: doc.src(s.keyNode)}
	add := func(path string, v any, at *yaml.Node, why string) {
		c.Fields = append(c.Fields, Field{Path: path, Value: v, From: doc.src(at), Why: why})
	}
	note := func(at *yaml.Node, text string) { d.Notes = append(d.Notes, Note{From: doc.src(at), Text: text}) }
	if ext := ynGet(n, "extends"); ext != nil {
		note(ext, s.name+": extends is not evaluated; the settings it inherits are not imported")
	}
	if ef := ynGet(n, "env_file"); ef != nil {
		note(ef, s.name+": env_file is not read; variables set only there are not imported")
	}

	// The image.
	if img := ynGet(n, "image"); img != nil {
		add("dependencies.container_image", true, img, "image")
		if s.image != "" {
			add("security.supply_chain.image_ref", s.image, img, "")
			if interpolated(s.image) {
				note(img, fmt.Sprintf("%s: image %s holds an unresolved variable", s.name, s.image))
			}
		}
	} else if b := ynGet(n, "build"); b != nil {
		add("dependencies.container_image", true, b, "built from a Dockerfile")
	}
	if p, ok := ynStr(ynGet(n, "platform")); ok {
		if strings.Contains(p, "arm") {
			add("execution.arch", "arm", ynGet(n, "platform"), "platform: "+p)
		} else if strings.Contains(p, "amd64") {
			add("execution.arch", "x86", ynGet(n, "platform"), "platform: "+p)
		}
	}

	// Resources: deploy.resources.limits, else reservations, else the
	// service-level mem_limit/cpus of the older file format.
	limits := ynPath(n, "deploy", "resources", "limits")
	reservations := ynPath(n, "deploy", "resources", "reservations")
	memSet, cpuSet := false, false
	for _, src := range []struct {
		node  *yaml.Node
		label string
	}{{limits, "limits"}, {reservations, "reservations"}} {
		if m := ynGet(src.node, "memory"); m != nil && !memSet {
			if text, ok := ynStr(m); ok {
				if b, ok := parseComposeSize(text); ok {
					if mb, ok := bytesToMB(b); ok {
						add("execution.memory_mb", mb, m, src.label+".memory "+text)
						memSet = true
					}
				} else {
					note(m, fmt.Sprintf("%s: memory %q is not a size", s.name, text))
				}
			}
		}
		if cp := ynGet(src.node, "cpus"); cp != nil && !cpuSet {
			if text, ok := ynStr(cp); ok {
				if v, err := decimal.NewFromString(strings.TrimSpace(text)); err == nil {
					if val, ok := cpuValue(v); ok {
						add("execution.vcpu", val, cp, src.label+".cpus "+text)
						cpuSet = true
					}
				}
			}
		}
	}
	if m := ynGet(n, "mem_limit"); m != nil && !memSet {
		if text, ok := ynStr(m); ok {
			if b, ok := parseComposeSize(text); ok {
				if mb, ok := bytesToMB(b); ok {
					add("execution.memory_mb", mb, m, "mem_limit "+text)
				}
			}
		}
	}
	if cp := ynGet(n, "cpus"); cp != nil && !cpuSet {
		if text, ok := ynStr(cp); ok {
			if v, err := decimal.NewFromString(strings.TrimSpace(text)); err == nil {
				if val, ok := cpuValue(v); ok {
					add("execution.vcpu", val, cp, "cpus "+text)
				}
			}
		}
	}
	switch {
	case limits != nil && ynGet(limits, "memory") != nil:
		add("security.runtime.resource_limits", true, limits, "deploy.resources.limits")
	case ynGet(n, "mem_limit") != nil:
		add("security.runtime.resource_limits", true, ynKey(n, "mem_limit"), "mem_limit")
	default:
		add("security.runtime.resource_limits", false, s.keyNode, "no memory limit")
	}
	for _, dev := range ynItems(ynPath(n, "deploy", "resources", "reservations", "devices")) {
		gpu := false
		for _, capN := range ynItems(ynGet(dev, "capabilities")) {
			if v, _ := ynStr(capN); v == "gpu" {
				gpu = true
			}
		}
		if !gpu {
			continue
		}
		count := 1
		if cn := ynGet(dev, "count"); cn != nil {
			if v, ok := ynInt(cn); ok && v > 0 {
				count = v
			} else if t, _ := ynStr(cn); t == "all" {
				note(cn, s.name+": count: all GPUs is read as 1")
			}
		}
		add("execution.gpu", count, dev, "GPU device reservation")
	}

	// Replicas.
	if r := ynPath(n, "deploy", "replicas"); r != nil {
		if v, ok := ynInt(r); ok && v >= 0 {
			add("execution.min_instances", min(v, 1000), r, "deploy.replicas "+strconv.Itoa(v))
		}
	} else if r := ynGet(n, "scale"); r != nil {
		if v, ok := ynInt(r); ok && v >= 0 {
			add("execution.min_instances", min(v, 1000), r, "scale "+strconv.Itoa(v))
		}
	}

	// Ports: an HTTP entry point, public when published on all interfaces.
	httpPort, public, internal := (*yaml.Node)(nil), false, false
	for _, p := range ynItems(ynGet(n, "ports")) {
		hostIP, published, target := parsePort(p)
		if proto, ok := knownPorts[target]; ok {
			note(p, fmt.Sprintf("%s: port %s is %s, not HTTP", s.name, target, proto))
			continue
		}
		if httpPort == nil {
			httpPort = p
		}
		if hostIP == "127.0.0.1" || hostIP == "localhost" || hostIP == "::1" {
			internal = true
		} else {
			public = true
		}
		_ = published
	}
	if httpPort == nil {
		for _, p := range ynItems(ynGet(n, "expose")) {
			t, _ := ynStr(p)
			if _, ok := knownPorts[t]; !ok {
				httpPort, internal = p, true
				break
			}
		}
	}
	if httpPort != nil {
		text, _ := ynStr(httpPort)
		why := "ports"
		if text != "" {
			why = "port " + text
		}
		c.Trigger, c.TriggerFrom, c.TriggerWhy = "http", doc.src(httpPort), why
		switch {
		case public:
			add("security.exposure", "public", httpPort, "published on all interfaces")
		case internal:
			add("security.exposure", "internal", httpPort, "reachable only from the host or other services")
		}
	}

	// Volumes: a named volume keeps state across restarts.
	for _, v := range ynItems(ynGet(n, "volumes")) {
		vol := parseVolume(v)
		switch {
		case vol.kind == "volume" && vol.source != "":
			add("state", "stateful", v, "named volume "+vol.source)
			add("requires.persistent_volume", true, v, "named volume "+vol.source+" at "+vol.target)
		case vol.kind == "bind" && !vol.readOnly && (strings.HasPrefix(vol.source, "/var/run/docker.sock") || vol.source == "/"):
			add("requires.host_access", true, v, "mounts "+vol.source)
		case vol.kind == "bind" && !vol.readOnly:
			note(v, fmt.Sprintf("%s: writable bind mount %s -> %s is host-local state; not mapped", s.name, vol.source, vol.target))
		}
	}

	// Privileges.
	if p := ynGet(n, "privileged"); p != nil {
		if v, ok := ynBool(p); ok && v {
			add("requires.privileged", true, p, "privileged: true")
		}
	}
	if ca := ynGet(n, "cap_add"); ca != nil && len(ynItems(ca)) > 0 {
		add("requires.privileged", true, ca, "cap_add")
	}
	for _, k := range []string{"network_mode", "pid", "ipc"} {
		if v, ok := ynStr(ynGet(n, k)); ok && v == "host" {
			add("requires.host_access", true, ynGet(n, k), k+": host")
		}
	}
	if u := ynGet(n, "user"); u != nil {
		if text, ok := ynStr(u); ok {
			user, _, _ := strings.Cut(text, ":")
			add("security.runtime.run_as_non_root", user != "root" && user != "0", u, "user: "+text)
		}
	}
	if ro := ynGet(n, "read_only"); ro != nil {
		if v, ok := ynBool(ro); ok {
			add("security.runtime.read_only_root_fs", v, ro, "read_only")
		}
	}
	for _, opt := range ynItems(ynGet(n, "security_opt")) {
		if t, _ := ynStr(opt); strings.HasPrefix(t, "no-new-privileges") {
			add("security.runtime.allow_privilege_escalation", strings.HasSuffix(t, "false"), opt, t)
		}
	}
	for _, cd := range ynItems(ynGet(n, "cap_drop")) {
		if t, _ := ynStr(cd); strings.EqualFold(t, "ALL") {
			add("security.runtime.capabilities_drop_all", true, cd, "cap_drop: ALL")
		}
	}
	if hc := ynGet(n, "healthcheck"); hc != nil {
		if dis, ok := ynBool(ynGet(hc, "disable")); !ok || !dis {
			add("observability.health_checks", true, hc, "healthcheck")
		}
	}

	// Calls: depends_on, then service addresses in the environment.
	vpc := (*yaml.Node)(nil)
	vpcWhy := ""
	call := func(target *composeService, at *yaml.Node, why string) {
		if target == nil || target == s {
			return
		}
		if target.backing != "" {
			if vpc == nil {
				vpc, vpcWhy = at, "uses "+target.name+" ("+target.backing+")"
			}
			return
		}
		for _, existing := range c.Calls {
			if existing.To == target.name {
				return
			}
		}
		c.Calls = append(c.Calls, Call{To: target.name, Mode: "sync", From: doc.src(at), Why: why})
	}
	for _, dn := range dependsOn(n) {
		name, _ := ynStr(dn)
		call(byName[strings.ToLower(name)], dn, "depends_on")
	}
	for _, ln := range ynItems(ynGet(n, "links")) {
		text, _ := ynStr(ln)
		name, _, _ := strings.Cut(text, ":")
		call(byName[strings.ToLower(name)], ln, "links")
	}
	env := envMapping(doc.fileOf, ynGet(n, "environment"))
	var secretNames []string
	var plaintext, cloudKeys *yaml.Node
	for _, p := range ynPairs(env) {
		key, _ := ynStr(p[0])
		val, hasVal := ynStr(p[1])
		if h := envHost(key, val); h != "" {
			if t := byName[h]; t != nil {
				call(t, p[0], key+"="+val)
			}
		}
		if hasVal && interpolated(val) {
			note(p[0], fmt.Sprintf("%s: environment %s=%s is left unresolved", s.name, key, val))
		}
		if secretName(key) || cloudKeyName(key) {
			secretNames = append(secretNames, key)
			if hasVal && val != "" && !interpolated(val) {
				if plaintext == nil {
					plaintext = p[0]
				}
				if cloudKeyName(key) && cloudKeys == nil {
					cloudKeys = p[0]
				}
			}
		}
	}
	for _, sn := range ynItems(ynGet(n, "secrets")) {
		name, ok := ynStr(sn)
		if !ok {
			name, _ = ynStr(ynGet(sn, "source"))
		}
		if name != "" {
			secretNames = append(secretNames, name)
		}
	}
	if vpc != nil {
		add("requires.vpc", true, vpc, vpcWhy)
	}
	if plaintext != nil {
		k, _ := ynStr(plaintext)
		add("security.secrets.source", "plaintext_env", plaintext, k+" holds a literal value")
	}
	if cloudKeys != nil {
		k, _ := ynStr(cloudKeys)
		add("security.secrets.static_cloud_keys", true, cloudKeys, k)
	}
	if len(secretNames) > 0 {
		sort.Strings(secretNames)
		at := ynKey(n, "environment")
		if at == nil {
			at = ynKey(n, "secrets")
		}
		add("security.secrets.names", compactStrings(secretNames), at, "")
	}
	return c
}

func compactStrings(s []string) []string {
	out := s[:0:0]
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}

// parsePort reads a ports entry, short ("8080:80", "127.0.0.1:8080:80/tcp",
// "80") or long ({target: 80, published: 8080, host_ip: ...}).
func parsePort(n *yaml.Node) (hostIP, published, target string) {
	if n.Kind == yaml.MappingNode {
		hostIP, _ = ynStr(ynGet(n, "host_ip"))
		published, _ = ynStr(ynGet(n, "published"))
		target, _ = ynStr(ynGet(n, "target"))
		return
	}
	s, _ := ynStr(n)
	s, _, _ = strings.Cut(s, "/")
	parts := strings.Split(s, ":")
	switch len(parts) {
	case 1:
		return "", "", parts[0]
	case 2:
		return "", parts[0], parts[1]
	}
	return strings.Join(parts[:len(parts)-2], ":"), parts[len(parts)-2], parts[len(parts)-1]
}

type composeVolume struct {
	kind, source, target string
	readOnly             bool
}

// parseVolume reads a volumes entry, short ("data:/var/lib/x", "./conf:/etc/x:ro",
// "/tmp/x") or long ({type: volume, source: data, target: /x, read_only: true}).
func parseVolume(n *yaml.Node) composeVolume {
	n = ynResolve(n)
	if n == nil {
		return composeVolume{}
	}
	if n.Kind == yaml.MappingNode {
		v := composeVolume{}
		v.kind, _ = ynStr(ynGet(n, "type"))
		v.source, _ = ynStr(ynGet(n, "source"))
		v.target, _ = ynStr(ynGet(n, "target"))
		v.readOnly, _ = ynBool(ynGet(n, "read_only"))
		return v
	}
	s, _ := ynStr(n)
	parts := strings.Split(s, ":")
	if len(parts) == 1 {
		return composeVolume{kind: "anonymous", target: parts[0]}
	}
	v := composeVolume{source: parts[0], target: parts[1]}
	if len(parts) > 2 {
		for _, o := range strings.Split(parts[2], ",") {
			if o == "ro" {
				v.readOnly = true
			}
		}
	}
	if strings.HasPrefix(v.source, "/") || strings.HasPrefix(v.source, ".") || strings.HasPrefix(v.source, "~") || strings.HasPrefix(v.source, "$") {
		v.kind = "bind"
	} else {
		v.kind = "volume"
	}
	return v
}
