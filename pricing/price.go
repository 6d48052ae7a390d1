package pricing

import (
	"sync"

	"github.com/shopspring/decimal"
)

// pricer is a calculator prepared for one workload on one platform in one
// region. usages is cheap and may be called at many volumes; explain writes the
// assumptions behind the last call to usages.
type pricer interface {
	usages(v dec, out []usage) []usage
	explain(v dec, out []string, tb *text) []string
}

// calcCtx is what a preparer needs.
type calcCtx struct {
	rb *regionBook
	sh *shape
	w  *Workload
	s  Settings
	p  Platform
	ms []meterEntry // p's meters in rb
	// store, when set, is where the calculators go (see calcStore).
	store *calcStore
}

// calcStore holds the calculators of one Prepared, reused with it (preparing
// was half allocating and zeroing them).
type calcStore struct {
	lambda  lambdaPricer
	fargate fargatePricer
	k8s     [2]k8sPricer // aws-eks, azure-aks
	flex    flexPricer
	premium premiumPricer
	aca     acaPricer
	run     [2]runPricer // gcp-cloud-run-functions, gcp-cloud-run
	runAlt  [2]runPricer // their below-1-vCPU candidates
	auto    autopilotPricer
}

// slot returns a calculator's storage: its slot in the context's store (each
// platform has its own; every preparer overwrites all of it), else a new one.
func slot[T any](c *calcCtx, in func(*calcStore) *T) *T {
	if c.store != nil {
		return in(c.store)
	}
	return new(T)
}

// runIndex is 0 for Cloud Run functions, 1 for Cloud Run.
func runIndex(c *calcCtx) int {
	if c.p.ID == "gcp-cloud-run" {
		return 1
	}
	return 0
}

// need returns the platform's meter for key, recording the first missing price in *missing.
func (c *calcCtx) need(key string, missing *string) *meter {
	var m *meter
	for _, e := range c.ms { // a platform has a handful of keys: a scan beats hashing
		if e.key == key {
			m = e.m
			break
		}
	}
	if m == nil && *missing == "" {
		*missing = "no " + c.p.ID + " price \"" + key + "\" in " + c.rb.region + " in the bundled table"
	}
	return m
}

type preparer func(c *calcCtx) (pricer, string)

// preparers maps platform IDs to their calculators. It is filled in init so the
// calculators can live next to each other by cloud.
var preparers = map[string]preparer{}

// Price prices one workload on one platform.
func (b *Book) Price(platformID string, w Workload, s Settings) Quote {
	p, ok := PlatformByID(platformID)
	if !ok {
		return Quote{Platform: Platform{ID: platformID}, Note: "unknown platform " + platformID}
	}
	ws := newCalc(&w, s)
	qb := quoteBuf{}
	region := s.regionOf(p.Cloud)
	q := b.quote(p, region, b.region(p.Cloud, region), &ws.ctx, commonAssumptions(&ws.sh, s, &ws.tb), &ws.tb, &qb)
	return q
}

// MonthlyCost is Price(platformID, w, s).Monthly (zero when not priced)
// without building the quote's lines and sentences: the cost curves need only
// the amount at each volume.
func (b *Book) MonthlyCost(platformID string, w Workload, s Settings) decimal.Decimal {
	p, ok := PlatformByID(platformID)
	if !ok {
		return decimal.Decimal{}
	}
	rb := b.region(p.Cloud, s.regionOf(p.Cloud))
	if rb == nil {
		return decimal.Decimal{}
	}
	// A pooled Prepared lends its calculation and calculator slots: the curves
	// ask for dozens of points per component.
	pp := preparedPool.Get().(*Prepared)
	defer preparedPool.Put(pp)
	c := &pp.cl
	c.init(&w, s)
	c.ctx.store = &pp.store
	defer func() { c.ctx.store = nil }()
	pr, fd, _ := prepareWithDoor(&c.ctx, rb, p)
	if pr == nil {
		return decimal.Decimal{}
	}
	us := pr.usages(c.sh.volume, make([]usage, 0, 12))
	us = fd.usages(c.sh.volume, us)
	bl := bill{rb: rb, freeTier: s.FreeTier, totalOnly: true}
	bl.run(us)
	return bl.total.Shop()
}

// PriceAll prices the workload on every platform, in Platforms order.
func (b *Book) PriceAll(w Workload, s Settings) []Quote {
	pp := b.Prepare(w, s)
	defer pp.Release()
	return pp.Quotes()
}

// Prepared is a workload with every platform's calculator prepared once, for
// its quotes and then its break-even searches: the advisor asks for both, and
// preparing is a third of a search's work.
//
// A Prepared is not safe for concurrent use: calculators keep memos.
type Prepared struct {
	b       *Book
	cl      calc
	store   calcStore
	regions [3]string
	rbs     [3]*regionBook
	// by Platforms index: the calculator and front door (nil pricer when not
	// priced, with the reason in notes)
	prs   [maxPlatforms]pricer
	fds   [maxPlatforms]frontDoor
	notes [maxPlatforms]string
}

// maxPlatforms bounds Platforms (checked in init) so that a Prepared holds
// its calculators in place.
const maxPlatforms = 12

func init() {
	if len(Platforms) > maxPlatforms {
		panic("pricing: more Platforms than maxPlatforms")
	}
}

var preparedPool = sync.Pool{New: func() any { return new(Prepared) }}

// Prepare prepares the workload's calculators on every platform. Release
// the Prepared when done with it, so the next Prepare can reuse its memory.
func (b *Book) Prepare(w Workload, s Settings) *Prepared {
	pp := preparedPool.Get().(*Prepared)
	pp.b = b
	pp.cl.init(&w, s)
	for i, cloud := range Clouds {
		pp.regions[i] = s.regionOf(cloud)
		pp.rbs[i] = b.region(cloud, pp.regions[i])
	}
	c := &pp.cl.ctx
	c.store = &pp.store
	for i, p := range Platforms {
		pp.prs[i], pp.fds[i], pp.notes[i] = nil, frontDoor{}, ""
		rb := pp.rbs[cloudIndex(p.Cloud)]
		if rb == nil {
			pp.notes[i] = "no " + p.Cloud + " price table for region " + pp.regions[cloudIndex(p.Cloud)]
			continue
		}
		pp.prs[i], pp.fds[i], pp.notes[i] = prepareWithDoor(c, rb, p)
	}
	c.store = nil // the slots are taken
	return pp
}

// Release gives the Prepared's memory back for reuse. Quotes and break-evens
// already returned stay valid (they share nothing with it); the Prepared
// itself must not be used again.
func (pp *Prepared) Release() {
	pp.b = nil
	preparedPool.Put(pp)
}

// Quotes prices the workload on every platform, in Platforms order.
func (pp *Prepared) Quotes() []Quote {
	ws := &pp.cl
	common := commonAssumptions(&ws.sh, ws.ctx.s, &ws.tb)
	out := make([]Quote, len(Platforms))
	// The quotes' lines and assumptions are carved from shared arrays (each
	// slice capped, so appending to one never reaches the next).
	// A typical public component has 35 lines and 71 sentences (front doors
	// included); the arrays grow if needed.
	qb := quoteBuf{lines: make([]CostLine, 0, 38), sentences: make([]string, 0, 76)}
	for i, p := range Platforms {
		ci := cloudIndex(p.Cloud)
		out[i] = quoteWith(p, pp.regions[ci], pp.rbs[ci], pp.prs[i], pp.fds[i], pp.notes[i], &ws.ctx, common, &ws.tb, &qb)
	}
	return out
}

// calc is one calculation's state: a copy of the workload, its traffic shape
// and a calculator context over them.
type calc struct {
	w   Workload
	sh  shape
	ctx calcCtx
	tb  text
}

func newCalc(w *Workload, s Settings) *calc {
	c := new(calc)
	c.init(w, s)
	return c
}

// init sets c up for a copy of w under s.
func (c *calc) init(w *Workload, s Settings) {
	c.w = *w
	c.tb.b = c.tb.b[:0]
	c.sh.init(&c.w, s)
	c.ctx = calcCtx{sh: &c.sh, w: &c.w, s: s}
}

// quoteBuf is shared backing storage for the slices of several quotes.
type quoteBuf struct {
	lines     []CostLine
	sentences []string
	us        []usage // scratch
}

// cloudIndex is the cloud's position in Clouds.
func cloudIndex(cloud string) int {
	switch cloud {
	case "aws":
		return 0
	case "azure":
		return 1
	}
	return 2
}

func (b *Book) quote(p Platform, region string, rb *regionBook, c *calcCtx, common []string, tb *text, qb *quoteBuf) Quote {
	if rb == nil {
		return quoteWith(p, region, rb, nil, frontDoor{}, "no "+p.Cloud+" price table for region "+region, c, common, tb, qb)
	}
	pr, fd, note := prepareWithDoor(c, rb, p)
	return quoteWith(p, region, rb, pr, fd, note, c, common, tb, qb)
}

// quoteWith prices the workload with a prepared calculator and front door, or
// returns an unpriced quote with note when pr is nil.
func quoteWith(p Platform, region string, rb *regionBook, pr pricer, fd frontDoor, note string, c *calcCtx, common []string, tb *text, qb *quoteBuf) Quote {
	q := Quote{Platform: p, Region: region}
	if pr == nil {
		q.Note = note
		return q
	}
	if qb.us == nil {
		qb.us = make([]usage, 0, 12)
	}
	us := pr.usages(c.sh.volume, qb.us[:0])
	us = fd.usages(c.sh.volume, us)
	qb.us = us
	// Lines and sentences are appended to the shared arrays; each quote keeps a
	// capped window, and the arrays simply move on if they have to grow.
	start := len(qb.lines)
	bl := bill{rb: rb, freeTier: c.s.FreeTier, lines: qb.lines}
	bl.run(us)
	qb.lines = bl.lines
	q.Priced = true
	q.Monthly = bl.total.Shop()
	q.Lines = bl.lines[start:len(bl.lines):len(bl.lines)]
	q.FreeTierSavings = bl.savings.Shop()
	start = len(qb.sentences)
	a := append(qb.sentences, common...)
	a = pr.explain(c.sh.volume, a, tb)
	a = fd.explain(a, c.w)
	a = append(a, bl.estimateNotes()...)
	qb.sentences = a
	q.Assumptions = a[start:len(a):len(a)]
	return q
}

// prepare returns the platform's calculator, or nil and what is missing.
// prepareWithDoor prepares platform p's calculator in region rb and its front
// door; pr is nil, with the reason, when either lacks a price.
func prepareWithDoor(c *calcCtx, rb *regionBook, p Platform) (pr pricer, fd frontDoor, note string) {
	c.rb, c.p = rb, p
	if pr, note = prepareCtx(c); pr == nil {
		return nil, frontDoor{}, note
	}
	if fd, note = prepFrontDoor(rb, p, c.w, c.sh); note != "" {
		return nil, frontDoor{}, note
	}
	return pr, fd, ""
}

func prepareCtx(c *calcCtx) (pricer, string) {
	prep := preparerOf(c.p.ID)
	if prep == nil {
		return nil, "no calculator for " + c.p.ID
	}
	c.ms = c.rb.byPlatform[c.p.ID]
	return prep(c)
}

var (
	prepOnce    sync.Once
	prepByIndex []preparer // preparers in Platforms order
)

// preparerOf returns the platform's preparer without hashing its ID.
func preparerOf(id string) preparer {
	prepOnce.Do(func() {
		for _, p := range Platforms {
			prepByIndex = append(prepByIndex, preparers[p.ID])
		}
	})
	if i := platformIndex(id); i >= 0 {
		return prepByIndex[i]
	}
	return preparers[id]
}

// month730 is the first common assumption for the usual month.
const month730 = "A month is 730 hours (2,628,000 s)."

// commonAssumptions are the sentences every quote of a workload shares (in
// tb's scratch array: quotes copy them).
func commonAssumptions(sh *shape, s Settings, tb *text) []string {
	out := tb.common[:0]
	if sh.hours == 730 {
		out = append(out, month730)
	} else {
		out = append(out, tb.s("A month is ").i(sh.hours).s(" hours (").n(sh.secs, 0).s(" s).").String())
	}
	out = append(out, describeTraffic(sh, tb))
	if s.FreeTier {
		out = append(out, "Free tiers are applied as if this component were alone in its account; architecture totals share each free tier once.")
	} else {
		out = append(out, "Free tiers are not applied.")
	}
	return out
}

func describeTraffic(sh *shape, tb *text) string {
	v := sh.volume
	if sh.job {
		return tb.s("Job: ").n(v, 2).s(" runs/month of ").secs(sh.dur).s(" each.").String()
	}
	avg := v.DivRound(sh.secs, 6)
	tb.s("Traffic: ").n(v, 0).s(" requests/month")
	if sh.np == 1 {
		return tb.s(", steady at ").n(avg, 3).s(" req/s, each taking ").secs(sh.dur).s(".").String()
	}
	pk, base := &sh.pa[0], &sh.pa[1]
	tb.s(", ").s(sh.pattern).s(": ").n(pk.hours, 1).s(" peak hours at ").n(v.Mul(pk.kappa), 3).s(" req/s")
	if base.share.Sign() > 0 {
		tb.s(", ").n(base.hours, 1).s(" hours at ").n(v.Mul(base.kappa), 3).s(" req/s")
	} else {
		tb.s(", idle the other ").n(base.hours, 1).s(" hours")
	}
	return tb.s(" (peak ").n(sh.ratio, 2).s("x the ").n(avg, 3).s(" req/s average); each request takes ").secs(sh.dur).s(".").String()
}

// gpuUnpriced is the note for platforms without a GPU price.
func gpuUnpriced(c *calcCtx) (pricer, string) {
	return nil, "no GPU price for " + c.p.Name + " in the bundled table (the workload asks for " + itoa(int64(c.w.GPU)) + " GPU per instance)"
}

// instanceSentence writes instances per period, e.g. "2 tasks for 219 peak
// hours and 1 task for the other 511 hours".
func (t *text) instances(sh *shape, counts []int64, noun string) *text {
	if len(counts) == 1 || counts[0] == counts[1] {
		return t.plural(counts[0], noun).s(" all month (").i(sh.hours).s(" h)")
	}
	return t.plural(counts[0], noun).s(" for ").n(sh.pa[0].hours, 1).s(" peak hours and ").
		plural(counts[1], noun).s(" for the other ").n(sh.pa[1].hours, 1).s(" hours")
}

// concurrencyOf returns the workload's per-instance concurrency, at least 1.
func concurrencyOf(w *Workload) int {
	return max(1, w.Concurrency)
}

// perKi is 1/1024, exactly.
var perKi = decNew(9765625, -10)

// gbOf converts MB to GB (1 GB = 1,024 MB, as the clouds' examples count), exactly.
func gbOf(mb int64) dec { return decInt(mb).Mul(perKi) }

// memGiB returns memory in GiB (MB are treated as MiB), at least min MB.
func memGiB(w *Workload, minMB int) dec {
	return gbOf(int64(max(w.MemoryMB, minMB)))
}

// vcpuOf returns the workload's vCPU, at least min.
func vcpuOf(w *Workload, min dec) dec {
	v := decOf(w.VCPU)
	if v.LessThan(min) {
		return min
	}
	return v
}
