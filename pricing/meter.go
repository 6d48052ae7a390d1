package pricing

import (
	"fmt"
	"github.com/shopspring/decimal"
	"sort"
	"strings"
)

// regionBook is everything priced in one region of one cloud, resolved for the
// calculators: meters by "platform/key", free-tier pools, and node sizes.
type regionBook struct {
	cloud, region string
	tier          int
	gluePlatform  string // "<cloud>-glue"
	tier2Note     string // the Cloud Run Tier 2 assumption
	meters        map[meterKey]*meter
	byPlatform    map[string][]meterEntry // platform -> its meters
	pools         []pool
	nodes         map[string][]*nodeType // platform -> usable node sizes, table order
}

type meterKey struct{ platform, key string }

type meterEntry struct {
	key string
	m   *meter
}

// meter is a billable price key in one region with its volume tiers and its
// free-tier pool (-1 for none).
type meter struct {
	idx      int
	platform string
	key      string
	name     string
	unit     string
	tiers    []tier
	pool     int
	once     bool
	glue     bool // a queue or egress price: the glue share of a total
	door     bool // a front door's price (API gateway, load balancer): part of a platform's quote
	estimate bool
	note     string // the estimate note of the first estimated tier
}

type tier struct {
	from   dec
	price  dec
	fromX  dec // from and price as dec, converted once
	priceX dec
	fromF  flt // from and price as float64, for the break-even search
	priceF flt
	// priceOut is price as a line shows it, converted once (a
	// decimal.Decimal is immutable and can be shared).
	priceOut decimal.Decimal
	name     string
	freeName string // name + " (after free tier)", built once
	source   string
	// estimateSentence names the tier's price as an estimate ("" when it is
	// confirmed): a quote says so only when it bills the tier.
	estimateSentence string
}

// pool is a free monthly allowance shared by every meter that names it. A
// valued pool is a spending-based discount: quantity x valuedAt dollars.
type pool struct {
	name     string
	quantity dec
	valuedAt dec
	valued   bool
	estimate bool
	note     string
	start    dec // the allowance a bill starts with: quantity, or quantity x valuedAt dollars
	startF   flt // start as float64
	// estimateSentence is the assumption naming the estimated allowance, built once.
	estimateSentence string
}

type nodeType struct {
	m    *meter
	spec *nodeSpec
	name string // instance size, e.g. "m7g.large"
}

func (b *Book) resolveRegion(t *table, region string, strictPools bool) (*regionBook, error) {
	rb := &regionBook{cloud: t.cloud, region: region, meters: map[meterKey]*meter{}, nodes: map[string][]*nodeType{}}
	poolIdx := map[string]int{}
	// Allowances first, so meters can point at their pool.
	for _, pid := range t.platforms {
		for _, k := range t.keys[pid] {
			e := k.prices[region]
			if k.allowance == "" || e == nil {
				continue
			}
			if _, dup := poolIdx[k.allowance]; dup {
				return nil, fmt.Errorf("%s %s: pool %q has two allowances", t.cloud, region, k.allowance)
			}
			poolIdx[k.allowance] = len(rb.pools)
			p := pool{name: k.description, quantity: e.Quantity, valuedAt: e.ValuedAt,
				valued: e.valued, estimate: e.Estimate, note: e.Note}
			p.start = p.quantity
			if p.valued {
				p.start = p.quantity.Mul(p.valuedAt)
			}
			p.startF = toFlt(p.start)
			p.estimateSentence = estimateSentence(p.name, region, p.note)
			rb.pools = append(rb.pools, p)
		}
	}
	for _, pid := range t.platforms {
		for _, k := range t.keys[pid] {
			e := k.prices[region]
			if k.allowance != "" || k.tierOf != "" || e == nil {
				continue
			}
			m := &meter{idx: b.nextMeter, platform: pid, key: k.key, name: k.description, unit: k.unit,
				pool: -1, once: k.once, door: k.door, glue: strings.HasSuffix(pid, "-glue") && !k.door}
			b.nextMeter++
			m.tiers = append(m.tiers, tier{price: e.USD, name: k.description, source: e.Source, estimateSentence: tierEstimate(k.description, region, e)})
			m.markEstimate(e)
			if k.pool != "" {
				i, ok := poolIdx[k.pool]
				switch {
				case ok:
					m.pool = i
				case strictPools:
					// A meter without its allowance in this region would silently lose
					// the free tier; the bundled tables must carry both or neither.
					return nil, fmt.Errorf("%s %s: %s.%s draws from pool %q, which has no allowance there", t.cloud, region, pid, k.key, k.pool)
				default:
					// A user's override priced a region the tables do not: no free tier there.
				}
			}
			for _, tk := range t.keys[pid] {
				if tk.tierOf != k.key {
					continue
				}
				te := tk.prices[region]
				if te == nil {
					return nil, fmt.Errorf("%s %s: %s.%s has no price for tier %s", t.cloud, region, pid, k.key, tk.key)
				}
				m.tiers = append(m.tiers, tier{from: tk.tierFrom, price: te.USD, name: tk.description, source: te.Source, estimateSentence: tierEstimate(tk.description, region, te)})
				m.markEstimate(te)
			}
			sort.SliceStable(m.tiers, func(i, j int) bool { return m.tiers[i].from.LessThan(m.tiers[j].from) })
			for i := range m.tiers {
				m.tiers[i].freeName = m.tiers[i].name + " (after free tier)"
				m.tiers[i].fromX, m.tiers[i].priceX = m.tiers[i].from, m.tiers[i].price
				m.tiers[i].fromF, m.tiers[i].priceF = toFlt(m.tiers[i].from), toFlt(m.tiers[i].price)
				m.tiers[i].priceOut = m.tiers[i].price.Shop()
			}
			rb.meters[meterKey{pid, k.key}] = m
			if rb.byPlatform == nil {
				rb.byPlatform = map[string][]meterEntry{}
			}
			rb.byPlatform[pid] = append(rb.byPlatform[pid], meterEntry{k.key, m})
			if k.spec != nil {
				rb.nodes[pid] = append(rb.nodes[pid], &nodeType{m: m, spec: k.spec, name: trimNodePrefix(k.key)})
			}
		}
	}
	// Tier keys must belong to a base key of the same platform.
	for _, pid := range t.platforms {
		for _, k := range t.keys[pid] {
			if k.tierOf != "" && k.prices[region] != nil && rb.meters[meterKey{pid, k.tierOf}] == nil {
				return nil, fmt.Errorf("%s %s: %s.%s is a tier of unknown key %q", t.cloud, region, pid, k.key, k.tierOf)
			}
		}
	}
	return rb, nil
}

// tierEstimate is the estimate sentence of a tier's price, or "" when confirmed.
func tierEstimate(name, region string, e *entry) string {
	if !e.Estimate {
		return ""
	}
	return estimateSentence(name, region, e.Note)
}

func (m *meter) markEstimate(e *entry) {
	if e.Estimate && !m.estimate {
		m.estimate, m.note = true, e.Note
	}
}

// trimNodePrefix turns a node price key into the size's name: "node-m6i.large-windows"
// is an m6i.large (the spec says it runs Windows).
func trimNodePrefix(key string) string {
	key = strings.TrimSuffix(key, "-windows")
	if len(key) > 5 && key[:5] == "node-" {
		return key[5:]
	}
	return key
}

// meter returns the meter for platform/key, or nil when the region has no price.
func (rb *regionBook) meter(platform, key string) *meter {
	return rb.meters[meterKey{platform, key}]
}

// glueMeter returns the cloud's glue meter for key (gateways, load balancers,
// queues, egress); when the region has no price it records the first missing
// key in *missing and returns nil.
func (rb *regionBook) glueMeter(key string, missing *string) *meter {
	m := rb.meter(rb.gluePlatform, key)
	if m == nil && *missing == "" {
		*missing = "no " + rb.cloud + "-glue price \"" + key + "\" in " + rb.region + " in the bundled table"
	}
	return m
}

// bill turns usages into money: rounded cost lines, the total the sum of the
// rounded lines (costBill sums the exact, unrounded cost the break-even search
// compares).
type bill struct {
	rb       *regionBook
	freeTier bool
	// remaining allowance per pool (quantity, or dollars for a valued pool)
	remaining [maxPools]dec
	started   [maxPools]bool

	prefix    bool // prefix line names with the platform's name (architecture totals)
	totalOnly bool // keep the total only: no lines, savings or notes (MonthlyCost)
	lines     []CostLine
	total     dec
	glue      dec // the glue lines' share of total
	savings   dec
	estimates []*tier  // estimated tiers billed, to name each once
	notes     []string // the estimate sentences, in the order met
}

const maxPools = 24

var (
	zero    = dec{} // dec{}: coefficient 0, exponent 0
	xOne    = decInt(1)
	hundred = decInt(100)
	one     = decInt(1) // for tests written against dec
)

func newBill(rb *regionBook, freeTier bool) *bill {
	return &bill{rb: rb, freeTier: freeTier}
}

// run bills every usage in order; pools are consumed in that order.
func (b *bill) run(us []usage) {
	for i := range us {
		b.add(us[i].m, us[i].qty, us[i].noFree)
	}
}

// add bills qty of m: the free allowance comes off the lowest tiers first, tiers
// split the gross monthly quantity, and each tier becomes one line.
func (b *bill) add(m *meter, qty dec, noFree bool) {
	if qty.Sign() < 0 {
		qty = zero
	}
	free := zero
	if b.freeTier && !noFree && m.pool >= 0 && m.pool < maxPools && qty.Sign() > 0 {
		free = takeFree(decKit, b.rb, &b.remaining, &b.started, m, qty, b.poolStarted)
	}
	splitTiers(decKit, m, qty, free, func(t *tier, gross, free dec) { b.line(m, t, gross, free) })
}

// poolStarted names an estimated allowance when a bill first draws from it.
func (b *bill) poolStarted(p *pool) {
	if p.estimate {
		b.notes = append(b.notes, p.estimateSentence)
	}
}

// addTotal adds x to the running total.
func (b *bill) addTotal(x dec) { b.total = nplus(b.total, x) }

// line bills gross units at t's price, free of them at no charge.
func (b *bill) line(m *meter, t *tier, gross, free dec) {
	net := gross
	if free.Sign() != 0 {
		net = gross.Sub(free)
	}
	cost := net.Mul(t.priceX)
	monthly := cost.Round(2) // half-up to the cent, as the clouds' examples do
	b.addTotal(monthly)
	if b.totalOnly {
		return
	}
	if t.estimateSentence != "" {
		b.noteEstimate(t) // only the tiers billed: an estimated upper tier unused is not named
	}
	name := t.name
	if free.Sign() > 0 {
		b.savings = b.savings.Add(gross.Mul(t.priceX).Round(2).Sub(monthly))
		name = t.freeName
	}
	if m.glue {
		b.glue = b.glue.Add(monthly)
	} else if b.prefix && !m.door { // a front door may be shared by several platforms
		name = platformName(m.platform) + ": " + name
	}
	b.lines = append(b.lines, CostLine{Name: name, Quantity: shownQuantity(net, t.priceX, monthly).Shop(), Unit: m.unit,
		UnitPrice: t.priceOut, Monthly: monthly.Shop(), Source: t.source})
}

// quantityDecimals is the most decimals a cost line's quantity shows.
const quantityDecimals = 6

// shownQuantity is the quantity a line shows for net units billed at price
// for monthly: net itself, or, when net has more than quantityDecimals
// decimals (an inherently fractional quantity such as 0.2235174 TiB or
// 36.5000000000000000002 hours), net rounded half-up to quantityDecimals
// decimals if that rounded quantity gives the same rounded line cost. The
// line's cost is always computed from the exact net.
func shownQuantity(net, price, monthly dec) dec {
	// Quantities whose coefficient outgrows 64 bits (long exact products) show
	// without trailing zeros; past 192 bits they are left as they are.
	bitsN := coefficientBits(net)
	if bitsN > 64 && bitsN <= 192 {
		net = trimZeros(net)
	}
	if net.Exponent() >= -quantityDecimals || bitsN > 192 && net.IsInteger() {
		return net
	}
	if r := net.Round(quantityDecimals); r.Mul(price).Round(2).Equal(monthly) {
		if coefficientBits(r) > 192 {
			return r
		}
		return trimZeros(r)
	}
	return net
}

func (b *bill) noteEstimate(t *tier) {
	for _, e := range b.estimates {
		if e == t {
			return
		}
	}
	b.estimates = append(b.estimates, t)
	b.notes = append(b.notes, t.estimateSentence)
}

func estimateSentence(name, region, note string) string {
	return "Estimated price: " + name + " in " + region + " is not confirmed by a source (" + note + ")."
}

// estimateNotes are the assumption sentences for estimated prices (and
// allowances) used, in the order they were first met.
func (b *bill) estimateNotes() []string { return b.notes }
