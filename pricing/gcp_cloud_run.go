package pricing

import (
	"time"
)

// The gcp-cloud-run and gcp-cloud-run-functions calculator (one service model, two
// platforms): request-based and instance-based billing, below-1-vCPU sizes.

func init() {
	preparers["gcp-cloud-run-functions"] = func(c *calcCtx) (pricer, string) { return prepRun(c, false) }
	preparers["gcp-cloud-run"] = func(c *calcCtx) (pricer, string) { return prepRun(c, true) }
}

// runIdleRetention is how long an idle Cloud Run instance may be kept under
// instance-based billing (up to 15 minutes; from Google's docs, not the bundled sources).
const runIdleRetention = 15 * time.Minute

type runPricer struct {
	runVol[dec]
	f              runVol[flt] // for the break-even search, see fvol
	fok            bool
	sh             *shape
	billed         dec
	concurrency    int
	notes          string
	fl             fleet
	reqCPU, reqMem dec        // as asked
	reqConc        int        // as asked
	alt            *runPricer // the below-1-vCPU candidate, request-based at concurrency 1
}

// runVol is what the usages at a volume depend on: busy, idle and instance
// time of vCPU and memory, and requests, in the cheaper billing mode and
// configuration.
type runVol[N number[N]] struct {
	per                      *periodsOf[N]
	rb                       *regionBook
	freeTier                 bool
	cpuM, memM, reqM         *meter // request-based
	idleCPU, idleMem         *meter
	instCPU, instMem         *meter // instance-based (Cloud Run only)
	cpu, mem                 N
	bm, cool                 busyModelOf[N]
	im                       instanceModelOf[N]
	minInst                  int64
	minSecs                  [maxPeriods]N
	job                      bool
	runSecs                  N
	altV                     *runVol[N] // alt's
	lastMode                 string
	lastReqCost, lastInsCost N
	lastBusy, lastIdle       N
	lastRunning              N
	lastCounts               [maxPeriods]int64
	lastAlt                  bool // the last usages call chose alt
	lastMainCost, lastAltCst N
}

// fltRun is q in float64 (alt's as altF).
func fltRun(q *runVol[dec], per *periodsOf[flt], altF *runVol[flt]) runVol[flt] {
	return runVol[flt]{per: per, rb: q.rb, freeTier: q.freeTier, cpuM: q.cpuM, memM: q.memM, reqM: q.reqM, idleCPU: q.idleCPU, idleMem: q.idleMem,
		instCPU: q.instCPU, instMem: q.instMem, cpu: toFlt(q.cpu), mem: toFlt(q.mem), bm: fltBusy(&q.bm), cool: fltBusy(&q.cool), im: fltInstances(&q.im),
		minInst: q.minInst, minSecs: toFlts(q.minSecs), job: q.job, runSecs: toFlt(q.runSecs), altV: altF}
}

// Cloud Run's accepted configurations (cloud.google.com/run/docs/configuring/services/cpu
// and /memory-limits): from 0.08 vCPU; below 1 vCPU concurrency must be 1 and
// billing request-based; more than 512 MiB needs at least 0.5 vCPU and more
// than 1 GiB at least 1 vCPU; above 1 vCPU only 2, 4, 6 or 8, each with a
// memory range.
var (
	runMinCPU = decNew(8, -2)
	runSizes  = []struct{ cpu, memMin, memMax dec }{
		{xOne, zero, decInt(4)},
		{decInt(2), zero, decInt(8)},
		{decInt(4), decInt(2), decInt(16)},
		{decInt(6), decInt(4), decInt(24)},
		{decInt(8), decInt(4), decInt(32)},
	}
)

// runSubCPU returns the vCPU of the valid below-1-vCPU configuration covering
// cpu and mem (at concurrency 1, request-based), and false when there is none.
func runSubCPU(cpu, mem dec) (dec, bool) {
	need := decMax(runMinCPU, cpu)
	switch {
	case mem.GreaterThan(xOne):
		need = decMax(need, xOne)
	case mem.GreaterThan(half):
		need = decMax(need, half)
	}
	return need, need.LessThan(xOne)
}

// runWholeSize returns the smallest valid configuration of at least 1 vCPU
// covering cpu and mem.
func runWholeSize(cpu, mem dec) (dec, dec, bool) {
	for _, s := range runSizes {
		if s.cpu.GreaterThanOrEqual(cpu) && s.memMax.GreaterThanOrEqual(mem) {
			return s.cpu, decMax(mem, s.memMin), true
		}
	}
	return zero, zero, false
}

// runConfigValid reports whether Cloud Run accepts cpu/mem at the concurrency
// with the billing mode (the property test checks the chosen configuration).
func runConfigValid(cpu, mem dec, concurrency int, instanceBilling bool) bool {
	if cpu.LessThan(runMinCPU) || mem.GreaterThan(decInt(32)) {
		return false
	}
	if cpu.LessThan(xOne) {
		return concurrency == 1 && !instanceBilling && !mem.GreaterThan(xOne) && (cpu.GreaterThanOrEqual(half) || !mem.GreaterThan(half))
	}
	for _, s := range runSizes {
		if s.cpu.Equal(cpu) {
			return mem.GreaterThanOrEqual(s.memMin) && mem.LessThanOrEqual(s.memMax)
		}
	}
	return false
}

func prepRun(c *calcCtx, instanceBilling bool) (pricer, string) {
	w := c.w
	if w.GPU > 0 {
		return gpuUnpriced(c)
	}
	reqCPU, reqMem, conc := vcpuOf(w, zero), memGiB(w, 128), concurrencyOf(w)
	if c.sh.job {
		conc = 1
	}
	// Candidates: below 1 vCPU at concurrency 1 (request-based), and the
	// smallest size of at least 1 vCPU at the asked concurrency (both billing
	// modes). Both are priced at each volume and the cheaper is used.
	subCPU, sub := runSubCPU(reqCPU, reqMem)
	wholeCPU, wholeMem, whole := runWholeSize(decMax(reqCPU, xOne), reqMem)
	if !whole {
		return nil, "the workload (" + num(reqCPU, 2) + " vCPU, " + num(reqMem, 2) + " GiB) exceeds " + c.p.Name + "'s largest configuration (8 vCPU, 32 GiB)"
	}
	p := slot(c, func(s *calcStore) *runPricer { return &s.run[runIndex(c)] })
	if msg := p.prep(c, instanceBilling, wholeCPU, wholeMem, conc); msg != "" {
		return nil, msg
	}
	p.reqCPU, p.reqMem, p.reqConc = reqCPU, reqMem, concurrencyOf(w)
	if sub && !p.job {
		alt := slot(c, func(s *calcStore) *runPricer { return &s.runAlt[runIndex(c)] })
		alt.prep(c, false, subCPU, reqMem, 1)
		alt.rb = c.rb
		p.alt, p.altV = alt, &alt.runVol
	} else if sub && p.job {
		// A job has no concurrency: the smaller size is valid as it is.
		p.prep(c, instanceBilling, subCPU, reqMem, 1)
		p.reqCPU, p.reqMem, p.reqConc = reqCPU, reqMem, concurrencyOf(w)
	}
	return p, ""
}

// prep prepares p for one configuration. instanceBilling false leaves the
// instance-based meters out (Cloud Run functions, and configurations below 1
// vCPU, which only bill per request).
func (p *runPricer) prep(c *calcCtx, instanceBilling bool, cpu, mem dec, conc int) string {
	w := c.w
	*p = runPricer{sh: c.sh, concurrency: conc}
	p.per, p.rb, p.freeTier, p.job, p.minInst = &c.sh.pd, c.rb, c.s.FreeTier, c.sh.job, int64(max(0, w.MinInstances))
	var missing string
	if c.p.ID == "gcp-cloud-run" {
		p.cpuM = c.need("request-cpu", &missing)
		p.memM = c.need("request-memory", &missing)
		if instanceBilling {
			p.instCPU = c.need("instance-cpu", &missing)
			p.instMem = c.need("instance-memory", &missing)
		}
	} else {
		p.cpuM = c.need("cpu", &missing)
		p.memM = c.need("memory", &missing)
	}
	p.reqM = c.need("requests", &missing)
	if p.minInst > 0 {
		p.idleCPU = c.need("idle-cpu", &missing)
		p.idleMem = c.need("idle-memory", &missing)
	}
	if missing != "" {
		return missing
	}
	p.cpu, p.mem = cpu, mem
	if w.OS == "windows" {
		p.notes = c.p.Name + " runs Linux only; priced at its only rates."
	}
	if p.job && instanceBilling {
		// Cloud Run jobs bill task time at the instance-based rates.
		p.runSecs = billedSeconds(w.AvgDuration, 100*time.Millisecond, 0)
		return ""
	}
	p.fl = newFleet(c.p.ID, w, p.concurrency, p.cpu)
	p.billed = billedSeconds(w.AvgDuration, 100*time.Millisecond, 0) // billable time rounds up to 100 ms
	shared := p.concurrency > 1
	p.bm = newBusyModel(c.sh, p.billed, p.fl.cap, shared)
	for i, per := range c.sh.periods() {
		p.minSecs[i] = decInt(p.minInst).Mul(per.secs)
	}
	if instanceBilling {
		p.im = newInstanceModel(c.sh, p.fl.cap, 0)
		p.cool = newBusyModel(c.sh, p.sh.dur.Add(decInt(int64(runIdleRetention/time.Second))), p.fl.cap, shared)
	}
	return ""
}

func (p *runVol[N]) requestBased(v N, out []use[N]) []use[N] {
	var busy, idle, z N
	for i := range p.per.np {
		b := p.bm.at(i, v)
		busy = nplus(busy, b)
		if p.minInst > 0 {
			idle = nplus(idle, nmax(z, p.minSecs[i].Sub(b)))
		}
	}
	p.lastBusy, p.lastIdle = busy, idle
	out = append(out, use[N]{m: p.cpuM, qty: busy.Mul(p.cpu)}, use[N]{m: p.memM, qty: busy.Mul(p.mem)}, use[N]{m: p.reqM, qty: v})
	if p.minInst > 0 {
		out = append(out, use[N]{m: p.idleCPU, qty: idle.Mul(p.cpu)}, use[N]{m: p.idleMem, qty: idle.Mul(p.mem)})
	}
	return out
}

func (p *runVol[N]) instanceBased(v N, out []use[N]) []use[N] {
	var running N
	for i := range p.per.np {
		r, _, n := replicaSeconds(p.per, &p.im, &p.bm, &p.cool, &p.minSecs, p.minInst, i, v)
		running = nplus(running, r)
		p.lastCounts[i] = n
	}
	p.lastRunning = running
	return append(out, use[N]{m: p.instCPU, qty: running.Mul(p.cpu)}, use[N]{m: p.instMem, qty: running.Mul(p.mem)})
}

// uses prices both valid configurations, when there are two, and uses the
// cheaper at v (the one of at least 1 vCPU on a tie).
func (p *runVol[N]) uses(v N, out []use[N]) []use[N] {
	if p.altV == nil {
		p.lastAlt = false
		return p.usesOne(v, out)
	}
	var sa, sb [5]use[N]
	a := p.usesOne(v, sa[:0])
	b := p.altV.usesOne(v, sb[:0])
	p.lastMainCost, p.lastAltCst = p.cost(a), p.altV.cost(b)
	p.lastAlt = p.lastAltCst.LessThan(p.lastMainCost)
	if p.lastAlt {
		return append(out, b...)
	}
	return append(out, a...)
}

// usesOne picks the cheaper billing mode at v (request-based on a tie); Cloud Run
// functions only have request-based billing.
func (p *runVol[N]) usesOne(v N, out []use[N]) []use[N] {
	if p.job && p.instCPU != nil {
		secs := v.Mul(p.runSecs)
		p.lastMode, p.lastRunning = "job", secs
		return append(out, use[N]{m: p.instCPU, qty: secs.Mul(p.cpu)}, use[N]{m: p.instMem, qty: secs.Mul(p.mem)})
	}
	if p.instCPU == nil {
		p.lastMode = "request"
		return p.requestBased(v, out)
	}
	var sa [5]use[N]
	var sb [2]use[N]
	a := p.requestBased(v, sa[:0])
	busy, idle := p.lastBusy, p.lastIdle
	b := p.instanceBased(v, sb[:0])
	p.lastReqCost, p.lastInsCost = p.cost(a), p.cost(b)
	p.lastBusy, p.lastIdle = busy, idle
	if p.lastInsCost.LessThan(p.lastReqCost) {
		p.lastMode = "instance"
		return append(out, b...)
	}
	p.lastMode = "request"
	return append(out, a...)
}

func (p *runPricer) usages(v dec, out []usage) []usage        { return p.uses(v, out) }
func (p *runPricer) usagesF(v flt, out []use[flt]) []use[flt] { return p.fvol().uses(v, out) }

// fvol returns the float64 usage state, built on first use: only the
// break-even search needs it.
func (p *runPricer) fvol() *runVol[flt] {
	if !p.fok {
		var altF *runVol[flt]
		if p.alt != nil {
			p.alt.f = fltRun(&p.alt.runVol, p.sh.fltPeriods(), nil)
			altF = &p.alt.f
		}
		p.f, p.fok = fltRun(&p.runVol, p.sh.fltPeriods(), altF), true
	}
	return &p.f
}

// runMode is one billing mode of a Cloud Run pricer, as a curve of its own for
// the break-even search: request-based billing is priced exactly like Cloud Run
// functions, so only instance-based billing can undercut them, and that must
// not hide behind the tie.
type runMode struct {
	p        *runPricer
	instance bool
}

// modeUses is the usages of one billing mode (see runMode).
func (p *runVol[N]) modeUses(instance bool, v N, out []use[N]) []use[N] {
	if instance {
		p.lastAlt = false
		return p.instanceBased(v, out)
	}
	if p.altV == nil {
		p.lastAlt = false
		return p.requestBased(v, out)
	}
	// Request-based billing of either valid configuration, the cheaper.
	var sa, sb [5]use[N]
	a := p.requestBased(v, sa[:0])
	b := p.altV.requestBased(v, sb[:0])
	p.lastAlt = p.altV.cost(b).LessThan(p.cost(a))
	if p.lastAlt {
		return append(out, b...)
	}
	return append(out, a...)
}

func (m runMode) usages(v dec, out []usage) []usage {
	return m.p.modeUses(m.instance, v, out)
}
func (m runMode) usagesF(v flt, out []use[flt]) []use[flt] {
	return m.p.fvol().modeUses(m.instance, v, out)
}

func (m runMode) explain(v dec, a []string, tb *text) []string {
	return m.p.explain(v, a, tb)
}

func (p *runVol[N]) cost(us []use[N]) N {
	b := costBill[N]{k: kitOf[N](), rb: p.rb, freeTier: p.freeTier}
	return b.run(us)
}

func (p *runPricer) explain(v dec, a []string, tb *text) []string {
	if p.lastAlt {
		a = p.configNote(a, tb, p.alt)
		a = append(a, tb.s("Request-based billing at concurrency 1 ($").n(p.lastAltCst, 2).s(") is cheaper here than the ").n(p.cpu, 0).
			s(" vCPU configuration at concurrency ").i(int64(p.concurrency)).s(" ($").n(p.lastMainCost, 2).s(", before rounding).").String())
		return p.alt.explainOne(v, a, tb)
	}
	a = p.configNote(a, tb, p)
	if p.alt != nil {
		a = append(a, tb.s("The ").n(p.alt.cpu, 3).s(" vCPU configuration at concurrency 1, request-based, would cost $").n(p.lastAltCst, 2).
			s(" (before rounding); this one costs $").n(p.lastMainCost, 2).s(".").String())
	}
	return p.explainOne(v, a, tb)
}

// configNote says which configuration is priced and, when it is not the one
// asked, why.
func (p *runPricer) configNote(a []string, tb *text, q *runPricer) []string {
	if q.cpu.Equal(p.reqCPU) && q.mem.Equal(p.reqMem) && q.concurrency == p.reqConc {
		return append(a, tb.s("Instance of ").n(q.cpu, 3).s(" vCPU and ").n(q.mem, 3).s(" GiB, billed as asked.").String())
	}
	return append(a, tb.s("The asked ").n(p.reqCPU, 3).s(" vCPU / ").n(p.reqMem, 3).s(" GiB at concurrency ").i(int64(p.reqConc)).
		s(" is not a configuration Cloud Run accepts (below 1 vCPU concurrency must be 1 and billing request-based; over 512 MiB needs 0.5 vCPU, over 1 GiB 1 vCPU; above 1 vCPU only 2, 4, 6 or 8 with their memory ranges): priced the cheapest valid one, ").
		n(q.cpu, 3).s(" vCPU / ").n(q.mem, 3).s(" GiB at concurrency ").i(int64(q.concurrency)).s(".").String())
}

func (p *runPricer) explainOne(v dec, a []string, tb *text) []string {
	switch p.lastMode {
	case "job":
		a = append(a, tb.s("Each job task is billed at the instance-based (jobs) rates for ").secs(p.runSecs).s(" (100 ms steps); no request charges.").String())
		return p.appendNotes(a)
	case "instance":
		a = append(a, tb.s("Instance-based billing is cheaper here ($").n(p.lastInsCost, 2).s(" vs $").n(p.lastReqCost, 2).
			s(" request-based, before rounding): instances are billed for their whole life, ").n(p.lastRunning, 0).s(" instance-seconds, with no request fee.").String())
		a = append(a, p.fl.sentence(tb.s("Instances = "), "instance").s(", at least ").i(p.minInst).
			s("; an instance scaled from zero is assumed to idle 15 minutes after its last request; peak ").plural(p.lastCounts[0], "instance").s(".").String())
	default:
		if p.instCPU != nil {
			a = append(a, tb.s("Request-based billing is cheaper here (or equal): $").n(p.lastReqCost, 2).s(" vs $").n(p.lastInsCost, 2).s(" instance-based, before rounding.").String())
		} else if p.concurrency > 1 || p.sh.job {
			a = append(a, "Cloud Run functions use request-based billing only.")
		} else {
			a = append(a, "Below 1 vCPU Cloud Run bills per request only.")
		}
		if p.concurrency > 1 {
			a = append(a, tb.s("Billable time is when an instance has a request in flight, rounded up to 100 ms (").secs(p.billed).
				s(" per request): requests overlapping on an instance are billed once (busy share 1 - e^(-rate x billed duration) of one instance), and at least in-flight requests / ").
				n(p.fl.cap, 3).s(" per instance (").i(int64(p.concurrency)).s(" concurrency or the CPU bound at ").n(p.fl.concT.Shift(2), 0).s("% target); ").n(p.lastBusy, 0).s(" instance-seconds this month.").String())
		} else {
			a = append(a, tb.s("Billable time is when an instance has a request in flight, rounded up to 100 ms: each request has an instance to itself and bills ").secs(p.billed).
				s(" while requests are isolated, the whole period once they overlap; ").n(p.lastBusy, 0).s(" instance-seconds this month.").String())
		}
		if p.minInst > 0 {
			a = append(a, tb.plural(p.minInst, "minimum instance").s(" kept warm: ").n(p.lastIdle, 0).s(" idle instance-seconds at the idle rates.").String())
		}
	}
	if p.rb.tier == 2 {
		a = append(a, p.rb.tier2Note)
	}
	return p.appendNotes(a)
}

func (p *runPricer) appendNotes(a []string) []string {
	if p.notes != "" {
		a = append(a, p.notes)
	}
	return a
}

// stairs: instance-based billing pays instance counts; request-based billing
// is piecewise linear (see stairPricer).
func (m runMode) stairs() bool { return m.instance }
