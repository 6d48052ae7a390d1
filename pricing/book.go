package pricing

import (
	"github.com/shopspring/decimal"

	"errors"
	"fmt"
	"io/fs"
	"slices"
	"sort"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"

	"github.com/hybridadvisor/hybridadvisor/data"
)

// DefaultRegions are used for any cloud that Settings.Regions does not name
// (the one table is data.DefaultRegions).
var DefaultRegions = data.DefaultRegions

// Book is a parsed set of price tables, one per cloud. It is immutable after
// Load (or WithOverrides) and safe for concurrent use.
type Book struct {
	tables    []*table               // in Clouds order
	regions   map[string]*regionBook // "cloud/region"
	byRegion  map[[2]string]*regionBook
	version   string
	asOf      string
	overrides string // label of the applied overrides, "" for none
	nextMeter int    // meters are numbered book-wide so totals can aggregate by index
}

// table is one cloud's file.
type table struct {
	cloud, version, asOf, currency string
	regions                        []regionDef
	platforms                      []string             // file order
	keys                           map[string][]*keyDef // platform -> keys in file order
	overhead                       *nodeOverhead        // node_overhead, nil when the cloud lists no nodes
}

type regionDef struct {
	ID   string `yaml:"id"`
	Name string `yaml:"name"`
	Tier int    `yaml:"tier"` // Cloud Run price tier (GCP only)
}

// keyDef is one price key of one platform: what it measures and its per-region entries.
type keyDef struct {
	platform, key, description, unit string
	tierOf                           string
	tierFrom                         dec
	pool, allowance                  string
	once                             bool
	door                             bool // a front door's price: billed in the platform's quote, not the glue
	spec                             *nodeSpec
	prices                           map[string]*entry // region -> entry
}

// entry is one price (or free allowance) of one key in one region.
type entry struct {
	USD        dec
	Quantity   dec // allowances: free quantity per month
	ValuedAt   dec // allowances: the unit price the allowance is worth (spending-based)
	valued     bool
	Source     string
	AsOf       string
	Note       string
	Estimate   bool
	Overridden bool
}

// nodeSpec describes a VM size usable as a Kubernetes node.
type nodeSpec struct {
	VCPU      dec
	MemoryGiB dec
	Arch      string
	GPUs      int
	Burstable bool
	OS        string // linux | windows
	MaxPods   int    // pods the node admits (EKS: the VPC CNI's per-size limit)
	milliCPU  int64  // VCPU in millicores
	memMiB    int64
	// Worked out from the cloud's node_overhead at load.
	reservedMilli, reservedMiB int64 // kube-reserved
	evictionMiB                int64
	dsMilli, dsMiB             int64 // DaemonSets
	allocMilli, allocMiB       int64 // what is left for pods
}

var (
	loadOnce sync.Once
	loaded   *Book
	loadErr  error
)

// Load returns the embedded price tables, parsed once per process.
func Load() (*Book, error) {
	loadOnce.Do(func() {
		loaded, loadErr = loadFS(data.FS, "pricing")
	})
	return loaded, loadErr
}

// loadFS parses dir/<cloud>.yaml for every cloud.
func loadFS(fsys fs.FS, dir string) (*Book, error) {
	var tables []*table
	for _, cloud := range Clouds {
		path := dir + "/" + cloud + ".yaml"
		src, err := fs.ReadFile(fsys, path)
		if err != nil {
			return nil, fmt.Errorf("price table for %s: %w", cloud, err)
		}
		t, err := parseTable(path, src)
		if err != nil {
			return nil, err
		}
		if t.cloud != cloud {
			return nil, fmt.Errorf("%s: cloud is %q, want %q", path, t.cloud, cloud)
		}
		tables = append(tables, t)
	}
	return newBook(tables, "")
}

// Raw YAML shapes. Platforms and keys are ordered maps, so they stay yaml.Nodes.
type rawTable struct {
	Cloud     string       `yaml:"cloud"`
	Version   string       `yaml:"version"`
	AsOf      string       `yaml:"as_of"`
	Currency  string       `yaml:"currency"`
	Regions   []regionDef  `yaml:"regions"`
	Overhead  *rawOverhead `yaml:"node_overhead"`
	Platforms yaml.Node    `yaml:"platforms"`
}

type rawKey struct {
	Description string              `yaml:"description"`
	Unit        string              `yaml:"unit"`
	TierOf      string              `yaml:"tier_of"`
	TierFrom    string              `yaml:"tier_from"`
	Pool        string              `yaml:"pool"`
	Allowance   string              `yaml:"allowance"`
	Once        bool                `yaml:"once"`
	FrontDoor   bool                `yaml:"front_door"`
	Spec        *rawSpec            `yaml:"spec"`
	Prices      map[string]rawEntry `yaml:"prices"`
}

type rawSpec struct {
	VCPU      string `yaml:"vcpu"`
	MemoryGiB string `yaml:"memory_gib"`
	Arch      string `yaml:"arch"`
	GPUs      int    `yaml:"gpus"`
	Burstable bool   `yaml:"burstable"`
	OS        string `yaml:"os"`
	MaxPods   int    `yaml:"max_pods"`
}

type rawEntry struct {
	USD      string `yaml:"usd"`
	Quantity string `yaml:"quantity"`
	ValuedAt string `yaml:"valued_at"`
	Source   string `yaml:"source"`
	AsOf     string `yaml:"as_of"`
	Note     string `yaml:"note"`
	Estimate bool   `yaml:"estimate"`
}

// strictDecode decodes n into v, rejecting unknown fields.
func strictDecode(n *yaml.Node, v any) error {
	// yaml.v3 only checks known fields through a Decoder, so round-trip the node.
	b, err := yaml.Marshal(n)
	if err != nil {
		return err
	}
	dec := yaml.NewDecoder(strings.NewReader(string(b)))
	dec.KnownFields(true)
	return dec.Decode(v)
}

func parseTable(path string, src []byte) (*table, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(doc.Content) == 0 {
		return nil, fmt.Errorf("%s: empty file", path)
	}
	var raw rawTable
	if err := strictDecode(doc.Content[0], &raw); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	t := &table{cloud: raw.Cloud, version: raw.Version, asOf: raw.AsOf, currency: raw.Currency,
		regions: raw.Regions, keys: map[string][]*keyDef{}}
	if t.version == "" || !IsDate(t.asOf) {
		return nil, fmt.Errorf("%s: a table needs a version and an as_of date (YYYY-MM-DD)", path)
	}
	if t.currency != "USD" {
		return nil, fmt.Errorf("%s: currency must be USD", path)
	}
	if raw.Overhead != nil {
		o, err := parseOverhead(raw.Overhead)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		t.overhead = o
	}
	regions := map[string]bool{}
	for _, r := range t.regions {
		regions[r.ID] = true
	}
	pl := &raw.Platforms
	if pl.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s:%d: platforms must be a mapping", path, pl.Line)
	}
	for i := 0; i+1 < len(pl.Content); i += 2 {
		pid, keysNode := pl.Content[i].Value, pl.Content[i+1]
		if !knownPlatform(pid) || CloudOf(pid) != t.cloud {
			return nil, fmt.Errorf("%s:%d: unknown platform %q for cloud %s", path, pl.Content[i].Line, pid, t.cloud)
		}
		t.platforms = append(t.platforms, pid)
		if keysNode.Kind != yaml.MappingNode {
			return nil, fmt.Errorf("%s:%d: %s must map price keys", path, keysNode.Line, pid)
		}
		for j := 0; j+1 < len(keysNode.Content); j += 2 {
			kn, vn := keysNode.Content[j], keysNode.Content[j+1]
			var rk rawKey
			if err := strictDecode(vn, &rk); err != nil {
				return nil, fmt.Errorf("%s:%d: %s.%s: %w", path, kn.Line, pid, kn.Value, err)
			}
			k, err := buildKey(pid, kn.Value, rk, regions, t.overhead)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %s.%s: %w", path, kn.Line, pid, kn.Value, err)
			}
			t.keys[pid] = append(t.keys[pid], k)
		}
	}
	return t, nil
}

func buildKey(pid, key string, rk rawKey, regions map[string]bool, overhead *nodeOverhead) (*keyDef, error) {
	k := &keyDef{platform: pid, key: key, description: rk.Description, unit: rk.Unit,
		tierOf: rk.TierOf, pool: rk.Pool, allowance: rk.Allowance, once: rk.Once, door: rk.FrontDoor,
		prices: map[string]*entry{}}
	if k.description == "" || k.unit == "" {
		return nil, errors.New("description and unit are required")
	}
	if rk.TierFrom != "" {
		d, err := decFromString(rk.TierFrom)
		if err != nil || d.Sign() <= 0 || k.tierOf == "" {
			return nil, errors.New("tier_from must be a positive number and needs tier_of")
		}
		k.tierFrom = d
	}
	if rk.Spec != nil {
		cpu, err1 := decFromString(rk.Spec.VCPU)
		mem, err2 := decFromString(rk.Spec.MemoryGiB)
		if err1 != nil || err2 != nil || cpu.Sign() <= 0 || mem.Sign() <= 0 || (rk.Spec.Arch != "x86" && rk.Spec.Arch != "arm") {
			return nil, errors.New("spec needs vcpu, memory_gib and arch (x86|arm)")
		}
		os := rk.Spec.OS
		if os == "" {
			os = "linux"
		}
		if os != "linux" && os != "windows" {
			return nil, errors.New("spec os must be linux or windows")
		}
		k.spec = &nodeSpec{VCPU: cpu, MemoryGiB: mem, Arch: rk.Spec.Arch, GPUs: rk.Spec.GPUs, Burstable: rk.Spec.Burstable,
			OS: os, MaxPods: rk.Spec.MaxPods,
			milliCPU: cpu.Shift(3).IntPart(), memMiB: mem.Mul(decInt(1024)).IntPart()}
		if overhead == nil {
			return nil, errors.New("a node size needs the table's node_overhead")
		}
		if err := overhead.reserve(k.spec); err != nil {
			return nil, err
		}
	}
	if len(rk.Prices) == 0 {
		return nil, errors.New("no prices")
	}
	for region, re := range rk.Prices {
		if !regions[region] {
			return nil, fmt.Errorf("region %q is not in the table's regions", region)
		}
		e := &entry{Source: re.Source, AsOf: re.AsOf, Note: re.Note, Estimate: re.Estimate}
		if !strings.HasPrefix(e.Source, "https://") {
			return nil, fmt.Errorf("%s: source must be an https URL", region)
		}
		if !IsDate(e.AsOf) {
			return nil, fmt.Errorf("%s: as_of must be a date (YYYY-MM-DD)", region)
		}
		if e.Estimate && !strings.HasPrefix(e.Note, "estimate") {
			return nil, fmt.Errorf("%s: an estimate needs a note starting with \"estimate\"", region)
		}
		if k.allowance != "" {
			q, err := decFromString(re.Quantity)
			if err != nil || q.Sign() < 0 || re.USD != "" {
				return nil, fmt.Errorf("%s: an allowance needs a quantity and no usd", region)
			}
			e.Quantity = q
			if re.ValuedAt != "" {
				v, err := decFromString(re.ValuedAt)
				if err != nil || v.Sign() <= 0 {
					return nil, fmt.Errorf("%s: valued_at must be a positive number", region)
				}
				e.ValuedAt, e.valued = v, true
			}
		} else {
			p, err := decFromString(re.USD)
			if err != nil || p.Sign() < 0 || re.Quantity != "" || re.ValuedAt != "" {
				return nil, fmt.Errorf("%s: a price needs a non-negative usd", region)
			}
			e.USD = p
		}
		k.prices[region] = e
	}
	return k, nil
}

// IsDate reports whether s looks like YYYY-MM-DD (the as-of dates of price
// tables and overrides).
func IsDate(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	for i, c := range s {
		if i != 4 && i != 7 && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}

// gluePlatforms are the pseudo-platforms that hold each cloud's glue prices.
var gluePlatforms = []Platform{
	{ID: "aws-glue", Cloud: "aws", Model: "glue", Name: "AWS glue (API Gateway HTTP API, Application Load Balancer, SQS, internet egress)"},
	{ID: "azure-glue", Cloud: "azure", Model: "glue", Name: "Azure glue (API Management Consumption, Standard Load Balancer, Service Bus Basic, internet egress)"},
	{ID: "gcp-glue", Cloud: "gcp", Model: "glue", Name: "Google Cloud glue (API Gateway, Cloud Load Balancing, Pub/Sub, internet egress)"},
}

func knownPlatform(id string) bool {
	if _, ok := PlatformByID(id); ok {
		return true
	}
	for _, g := range gluePlatforms {
		if g.ID == id {
			return true
		}
	}
	return false
}

// CloudOf is the cloud of a platform ID (its prefix before the first dash).
func CloudOf(id string) string {
	if i := strings.IndexByte(id, '-'); i > 0 {
		return id[:i]
	}
	return ""
}

// newBook resolves the tables into per-region meters and pools.
func newBook(tables []*table, overrides string) (*Book, error) {
	b := &Book{tables: tables, regions: map[string]*regionBook{}, byRegion: map[[2]string]*regionBook{}, overrides: overrides}
	var versions []string
	for _, t := range tables {
		versions = append(versions, t.cloud+" "+t.version)
		if t.asOf > b.asOf {
			b.asOf = t.asOf
		}
		for _, r := range t.regions {
			rb, err := b.resolveRegion(t, r.ID, overrides == "")
			if err != nil {
				return nil, err
			}
			rb.tier = r.Tier
			rb.gluePlatform = t.cloud + "-glue"
			rb.tier2Note = r.ID + " is a Tier 2 region; the free tier is worth its Tier 1 value (a spending-based discount)."
			b.regions[t.cloud+"/"+r.ID] = rb
			b.byRegion[[2]string{t.cloud, r.ID}] = rb
		}
	}
	b.version = strings.Join(versions, ", ")
	if overrides != "" {
		b.version += " + overrides " + overrides
	}
	return b, nil
}

// region returns the resolved prices of one region of a cloud, or nil.
func (b *Book) region(cloud, region string) *regionBook { return b.byRegion[[2]string{cloud, region}] }

// Version identifies the tables, e.g. "aws 2026.11.1, azure 2026.11.1, gcp 2026.11.1".
func (b *Book) Version() string { return b.version }

// AsOf is the newest as-of date among the tables.
func (b *Book) AsOf() string { return b.asOf }

func (b *Book) table(cloud string) *table {
	for _, t := range b.tables {
		if t.cloud == cloud {
			return t
		}
	}
	return nil
}

// Regions lists the regions the cloud's table prices, in table order.
func (b *Book) Regions(cloud string) []string {
	t := b.table(cloud)
	if t == nil {
		return nil
	}
	out := make([]string, len(t.regions))
	for i, r := range t.regions {
		out[i] = r.ID
	}
	return out
}

// CheckRegions returns an error naming the first unknown cloud or region (in
// canonical cloud order) and listing the regions known for that cloud.
func (b *Book) CheckRegions(regions map[string]string) error {
	for cloud := range regions {
		if !slices.Contains(Clouds, cloud) {
			return fmt.Errorf("unknown cloud %q in regions (known: %s)", cloud, strings.Join(Clouds, ", "))
		}
	}
	for _, cloud := range Clouds {
		r, ok := regions[cloud]
		if !ok || r == "" {
			continue
		}
		if !slices.Contains(b.Regions(cloud), r) {
			return fmt.Errorf("unknown %s region %q: the price tables know %s", cloud, r, strings.Join(b.Regions(cloud), ", "))
		}
	}
	return nil
}

// regionOf returns the region used for cloud under s.
func (s Settings) regionOf(cloud string) string {
	if r := s.Regions[cloud]; r != "" {
		return r
	}
	return DefaultRegions[cloud]
}

func (s Settings) hours() int64 {
	if s.HoursPerMonth > 0 {
		return int64(s.HoursPerMonth)
	}
	return 730
}

// TableInfo summarises one cloud's price table.
type TableInfo struct {
	Cloud     string   `json:"cloud"`
	Version   string   `json:"version"`
	AsOf      string   `json:"as_of"`
	Regions   []string `json:"regions"`
	Platforms []string `json:"platforms"`
}

// Tables describes the tables in canonical cloud order.
func (b *Book) Tables() []TableInfo {
	var out []TableInfo
	for _, t := range b.tables {
		info := TableInfo{Cloud: t.cloud, Version: t.version, AsOf: t.asOf, Regions: b.Regions(t.cloud)}
		info.Platforms = append(info.Platforms, t.platforms...)
		out = append(out, info)
	}
	return out
}

// PriceEntry is one unit price (or free allowance) as shown by `pricing show`.
type PriceEntry struct {
	Key         string          `json:"key"`
	Description string          `json:"description"`
	Unit        string          `json:"unit"`
	USD         decimal.Decimal `json:"usd"`                 // unit price; zero for allowances
	Free        decimal.Decimal `json:"free"`                // allowance: free quantity per month
	Allowance   bool            `json:"allowance,omitempty"` // the entry is a free monthly allowance
	Source      string          `json:"source"`
	AsOf        string          `json:"as_of"`
	Note        string          `json:"note,omitempty"`
	Estimate    bool            `json:"estimate,omitempty"`
}

// UnknownPlatformError is a platform ID the book does not know. Hint, set by
// the caller (pricing does not guess at names), is inserted after the name:
// ` (did you mean "aws-lambda"?)`.
type UnknownPlatformError struct {
	Platform string
	Known    []string // every platform and glue pseudo-platform, in order
	Hint     string
}

func (e *UnknownPlatformError) Error() string {
	return fmt.Sprintf("unknown platform %q%s (known: %s)", e.Platform, e.Hint, strings.Join(e.Known, ", "))
}

// Show lists every price of a platform (or glue pseudo-platform such as
// "aws-glue") in a region; region "" means the cloud's default region.
func (b *Book) Show(platform, region string) ([]PriceEntry, error) {
	if !knownPlatform(platform) {
		ids := make([]string, 0, len(Platforms)+len(gluePlatforms))
		for _, p := range Platforms {
			ids = append(ids, p.ID)
		}
		for _, p := range gluePlatforms {
			ids = append(ids, p.ID)
		}
		return nil, &UnknownPlatformError{Platform: platform, Known: ids}
	}
	cloud := CloudOf(platform)
	if region == "" {
		region = DefaultRegions[cloud]
	}
	if err := b.CheckRegions(map[string]string{cloud: region}); err != nil {
		return nil, err
	}
	var out []PriceEntry
	for _, k := range b.table(cloud).keys[platform] {
		e := k.prices[region]
		if e == nil {
			continue
		}
		pe := PriceEntry{Key: k.key, Description: k.description, Unit: k.unit, USD: e.USD.Shop(),
			Source: e.Source, AsOf: e.AsOf, Note: e.Note, Estimate: e.Estimate}
		if k.allowance != "" {
			pe.Allowance, pe.Free = true, e.Quantity.Shop()
			if e.valued {
				pe.Note = strings.TrimSpace(pe.Note + fmt.Sprintf(" (valued at $%s per %s)", e.ValuedAt, k.unit))
			}
		}
		out = append(out, pe)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s has no prices in %s: it is unpriced there (priced regions: %s)",
			platform, region, strings.Join(b.pricedRegions(cloud, platform), ", "))
	}
	return out, nil
}

func (b *Book) pricedRegions(cloud, platform string) []string {
	set := map[string]bool{}
	for _, k := range b.table(cloud).keys[platform] {
		for r := range k.prices {
			set[r] = true
		}
	}
	var out []string
	for _, r := range b.Regions(cloud) {
		if set[r] {
			out = append(out, r)
		}
	}
	sort.Strings(out)
	if len(out) == 0 {
		return []string{"none"}
	}
	return out
}
