package pricing

import "time"

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
	sh                       *shape
	rb                       *regionBook
	freeTier                 bool
	cpuM, memM, reqM         *meter // request-based
	idleCPU, idleMem         *meter
	instCPU, instMem         *meter // instance-based (Cloud Run only)
	cpu, mem                 xd
	billed                   xd
	bm, cool                 busyModel
	im                       instanceModel
	minInst                  int64
	minSecs                  [maxPeriods]xd
	concurrency              int
	job                      bool
	runSecs                  xd
	lastMode                 string
	lastReqCost, lastInsCost xd
	lastBusy, lastIdle       xd
	lastRunning              xd
	lastCounts               [maxPeriods]int64
	notes                    string
	fl                       fleet
	reqCPU, reqMem           xd         // as asked
	reqConc                  int        // as asked
	alt                      *runPricer // the below-1-vCPU candidate, request-based at concurrency 1
	lastAlt                  bool       // the last usages call chose alt
	lastMainCost, lastAltCst xd
}

// Cloud Run's accepted configurations (cloud.google.com/run/docs/configuring/services/cpu
// and /memory-limits): from 0.08 vCPU; below 1 vCPU concurrency must be 1 and
// billing request-based; more than 512 MiB needs at least 0.5 vCPU and more
// than 1 GiB at least 1 vCPU; above 1 vCPU only 2, 4, 6 or 8, each with a
// memory range.
var (
	runMinCPU = xNew(8, -2)
	runSizes  = []struct{ cpu, memMin, memMax xd }{
		{xOne, zero, xInt(4)},
		{xInt(2), zero, xInt(8)},
		{xInt(4), xInt(2), xInt(16)},
		{xInt(6), xInt(4), xInt(24)},
		{xInt(8), xInt(4), xInt(32)},
	}
)

// runSubCPU returns the vCPU of the valid below-1-vCPU configuration covering
// cpu and mem (at concurrency 1, request-based), and false when there is none.
func runSubCPU(cpu, mem xd) (xd, bool) {
	need := xMax(runMinCPU, cpu)
	switch {
	case mem.GreaterThan(xOne):
		need = xMax(need, xOne)
	case mem.GreaterThan(half):
		need = xMax(need, half)
	}
	return need, need.LessThan(xOne)
}

// runWholeSize returns the smallest valid configuration of at least 1 vCPU
// covering cpu and mem.
func runWholeSize(cpu, mem xd) (xd, xd, bool) {
	for _, s := range runSizes {
		if s.cpu.GreaterThanOrEqual(cpu) && s.memMax.GreaterThanOrEqual(mem) {
			return s.cpu, xMax(mem, s.memMin), true
		}
	}
	return zero, zero, false
}

// runConfigValid reports whether Cloud Run accepts cpu/mem at the concurrency
// with the billing mode (the property test checks the chosen configuration).
func runConfigValid(cpu, mem xd, concurrency int, instanceBilling bool) bool {
	if cpu.LessThan(runMinCPU) || mem.GreaterThan(xInt(32)) {
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
	wholeCPU, wholeMem, whole := runWholeSize(xMax(reqCPU, xOne), reqMem)
	if !whole {
		return nil, "the workload (" + num(reqCPU, 2) + " vCPU, " + num(reqMem, 2) + " GiB) exceeds " + c.p.Name + "'s largest configuration (8 vCPU, 32 GiB)"
	}
	p := c.runPricer(instanceBilling)
	if msg := p.prep(c, instanceBilling, wholeCPU, wholeMem, conc); msg != "" {
		return nil, msg
	}
	p.reqCPU, p.reqMem, p.reqConc = reqCPU, reqMem, concurrencyOf(w)
	if sub && !p.job {
		alt := c.runAltPricer(instanceBilling)
		alt.prep(c, false, subCPU, reqMem, 1)
		alt.rb = c.rb
		p.alt = alt
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
func (p *runPricer) prep(c *calcCtx, instanceBilling bool, cpu, mem xd, conc int) string {
	w := c.w
	*p = runPricer{sh: c.sh, rb: c.rb, freeTier: c.s.FreeTier, job: c.sh.job,
		concurrency: conc, minInst: int64(max(0, w.MinInstances))}
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
		p.minSecs[i] = xInt(p.minInst).Mul(per.secs)
	}
	if instanceBilling {
		p.im = newInstanceModel(c.sh, p.fl.cap, 0)
		p.cool = newBusyModel(c.sh, p.sh.dur.Add(xInt(int64(runIdleRetention/time.Second))), p.fl.cap, shared)
	}
	return ""
}

func (p *runPricer) requestBased(v xd, out []usage) []usage {
	busy, idle := zero, zero
	for i := range p.sh.np {
		b := p.bm.at(i, v)
		busy = plus(busy, b)
		if p.minInst > 0 {
			idle = plus(idle, xMax(zero, p.minSecs[i].Sub(b)))
		}
	}
	p.lastBusy, p.lastIdle = busy, idle
	out = append(out, usage{m: p.cpuM, qty: busy.Mul(p.cpu)}, usage{m: p.memM, qty: busy.Mul(p.mem)}, usage{m: p.reqM, qty: v})
	if p.minInst > 0 {
		out = append(out, usage{m: p.idleCPU, qty: idle.Mul(p.cpu)}, usage{m: p.idleMem, qty: idle.Mul(p.mem)})
	}
	return out
}

func (p *runPricer) instanceBased(v xd, out []usage) []usage {
	running := zero
	for i := range p.sh.np {
		r, _, n := replicaSeconds(p.sh, &p.im, &p.bm, &p.cool, &p.minSecs, p.minInst, i, v)
		running = plus(running, r)
		p.lastCounts[i] = n
	}
	p.lastRunning = running
	return append(out, usage{m: p.instCPU, qty: running.Mul(p.cpu)}, usage{m: p.instMem, qty: running.Mul(p.mem)})
}

// usages prices both valid configurations, when there are two, and uses the
// cheaper at v (the one of at least 1 vCPU on a tie).
func (p *runPricer) usages(v xd, out []usage) []usage {
	if p.alt == nil {
		p.lastAlt = false
		return p.usagesOne(v, out)
	}
	var sa, sb [5]usage
	a := p.usagesOne(v, sa[:0])
	b := p.alt.usagesOne(v, sb[:0])
	p.lastMainCost, p.lastAltCst = p.cost(a), p.alt.cost(b)
	p.lastAlt = p.lastAltCst.LessThan(p.lastMainCost)
	if p.lastAlt {
		return append(out, b...)
	}
	return append(out, a...)
}

// usagesOne picks the cheaper billing mode at v (request-based on a tie); Cloud Run
// functions only have request-based billing.
func (p *runPricer) usagesOne(v xd, out []usage) []usage {
	if p.job && p.instCPU != nil {
		secs := v.Mul(p.runSecs)
		p.lastMode, p.lastRunning = "job", secs
		return append(out, usage{m: p.instCPU, qty: secs.Mul(p.cpu)}, usage{m: p.instMem, qty: secs.Mul(p.mem)})
	}
	if p.instCPU == nil {
		p.lastMode = "request"
		return p.requestBased(v, out)
	}
	var sa [5]usage
	var sb [2]usage
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

// runMode is one billing mode of a Cloud Run pricer, as a curve of its own for
// the break-even search: request-based billing is priced exactly like Cloud Run
// functions, so only instance-based billing can undercut them, and that must
// not hide behind the tie.
type runMode struct {
	p        *runPricer
	instance bool
}

func (m runMode) usages(v xd, out []usage) []usage {
	if m.instance {
		m.p.lastAlt = false
		return m.p.instanceBased(v, out)
	}
	if m.p.alt == nil {
		m.p.lastAlt = false
		return m.p.requestBased(v, out)
	}
	// Request-based billing of either valid configuration, the cheaper.
	var sa, sb [5]usage
	a := m.p.requestBased(v, sa[:0])
	b := m.p.alt.requestBased(v, sb[:0])
	m.p.lastAlt = m.p.alt.cost(b).LessThan(m.p.cost(a))
	if m.p.lastAlt {
		return append(out, b...)
	}
	return append(out, a...)
}

func (m runMode) explain(v xd, a []string, tb *text) []string { return m.p.explain(v, a, tb) }

func (p *runPricer) cost(us []usage) xd {
	b := bill{rb: p.rb, freeTier: p.freeTier}
	b.run(us)
	return b.total
}

func (p *runPricer) explain(v xd, a []string, tb *text) []string {
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

func (p *runPricer) explainOne(v xd, a []string, tb *text) []string {
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
