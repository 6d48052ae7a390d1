package result

// Catalog is what views print beside the advice and the advice does not
// carry: the platforms' names, the bundled tables' dates and sources, and the
// catalogue entries of the rules the result cites. It is filled only when asked
// for (reports, the TUI's export), so a score run's JSON stays as it was.
type Catalog struct {
	Platforms   []PlatformInfo   `json:"platforms"`
	PriceTables []PriceTableInfo `json:"price_tables"`
	Limits      LimitsInfo       `json:"limits"`
	// Rules are the rules cited by the result (reasons, preferences,
	// exclusions, findings), sorted by ID.
	Rules []RuleInfo `json:"rules"`
}

// PlatformInfo names a platform ID.
type PlatformInfo struct {
	ID    string `json:"id"`
	Name  string `json:"name"` // "AWS Lambda"
	Cloud string `json:"cloud"`
	Model string `json:"model"`
}

// PriceTableInfo is one cloud's bundled price table.
type PriceTableInfo struct {
	Cloud   string   `json:"cloud"`
	Version string   `json:"version"`
	AsOf    string   `json:"as_of"`
	Regions []string `json:"regions"`
}

// LimitsInfo describes the platform limits file.
type LimitsInfo struct {
	File  string `json:"file"` // "data/limits.yaml"
	AsOf  string `json:"as_of"`
	Count int    `json:"count"` // limit entries
	// Sources are the documents the limits cite, sorted: the only URLs a view
	// links from a rule message.
	Sources []string `json:"sources"`
}

// RuleInfo is a rule's catalogue entry.
type RuleInfo struct {
	ID       string `json:"id"`
	Kind     string `json:"kind"` // decision | security | custom | built-in
	Title    string `json:"title"`
	Severity string `json:"severity,omitempty"`
	Category string `json:"category,omitempty"`
}

// PlatformName returns the platform's name, or the ID when the catalog does
// not list it.
func (c *Catalog) PlatformName(id string) string {
	if c != nil {
		for _, p := range c.Platforms {
			if p.ID == id {
				return p.Name
			}
		}
	}
	return id
}

// LimitSource reports whether url is one of the limits file's sources.
func (c *Catalog) LimitSource(url string) bool {
	if c == nil || url == "" {
		return false
	}
	for _, s := range c.Limits.Sources {
		if s == url {
			return true
		}
	}
	return false
}
