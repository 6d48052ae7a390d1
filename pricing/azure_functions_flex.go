package pricing

import (
	"time"
)

// The azure-functions-flex calculator: Flex Consumption instance sizes, on-demand and always-ready execution.

func init() {
	preparers["azure-functions-flex"] = prepFlex
}

// flexSizes are the instance memory sizes (MB) Flex Consumption offers.
var flexSizes = []int{512, 2048, 4096}

type flexPricer struct {
	flexVol[dec]
	f             flexVol[flt] // for the break-even search
	fok           bool
	sh            *shape
	sizeMB, reqMB int
	billed        dec
	concurrency   int
	concDefault   bool // concurrency is the size's default
	linuxNote     bool
}

// flexVol is what the usages at a volume depend on: busy instance time and
// executions, on demand and on always-ready instances.
type flexVol[N number[N]] struct {
	per                           *periodsOf[N]
	odTime, odExec                *meter
	arBase, arTime, arExec        *meter
	instGB                        N
	bm                            busyModelOf[N]
	always                        int64
	alwaysSecs                    [maxPeriods]N
	arBaseQty                     N // always x instance GB x month
	lastBusy, lastAR, lastARExecs N
}

func prepFlex(c *calcCtx) (pricer, string) {
	w := c.w
	if w.GPU > 0 {
		return gpuUnpriced(c)
	}
	mem := max(w.MemoryMB, 0)
	p := slot(c, func(s *calcStore) *flexPricer { return &s.flex })
	*p = flexPricer{sh: c.sh, concurrency: concurrencyOf(w), linuxNote: w.OS == "windows", reqMB: mem}
	for _, s := range flexSizes {
		if s >= mem {
			p.sizeMB = s
			break
		}
	}
	if p.sizeMB == 0 {
		return nil, "the workload's " + itoa(int64(mem)) + " MB exceeds Flex Consumption's largest instance (4,096 MB)"
	}
	if !w.ConcurrencyGiven && w.Trigger == "http" {
		// The per-instance HTTP concurrency defaults by instance size.
		if n := scalingFor(c.p.ID).InstanceConcurrency[p.sizeMB]; n > 0 {
			p.concurrency, p.concDefault = n, true
		}
	}
	if c.sh.job {
		p.concurrency, p.concDefault = 1, false
	}
	var missing string
	p.odTime = c.need("on-demand-execution-time", &missing)
	p.odExec = c.need("on-demand-executions", &missing)
	p.always = int64(max(0, w.MinInstances))
	if p.always > 0 {
		p.arBase = c.need("always-ready-baseline", &missing)
		p.arTime = c.need("always-ready-execution-time", &missing)
		p.arExec = c.need("always-ready-executions", &missing)
		for i, per := range c.sh.periods() {
			p.alwaysSecs[i] = decInt(p.always).Mul(per.secs)
		}
	}
	if missing != "" {
		return nil, missing
	}
	p.instGB = gbOf(int64(p.sizeMB))
	p.arBaseQty = decInt(p.always).Mul(p.instGB).Mul(p.sh.secs)
	// An instance's activity period is billed for at least 1,000 ms, then in 100 ms steps.
	p.billed = billedSeconds(w.AvgDuration, 100*time.Millisecond, time.Second)
	// The per-instance concurrency is Flex's scaling target itself: no headroom.
	fl := newFleet(c.p.ID, w, p.concurrency, zero)
	p.bm = newBusyModel(c.sh, p.billed, fl.cap, p.concurrency > 1)
	p.per = &c.sh.pd
	return p, ""
}

func (p *flexPricer) usages(v dec, out []usage) []usage        { return p.uses(v, out) }
func (p *flexPricer) usagesF(v flt, out []use[flt]) []use[flt] { return p.fvol().uses(v, out) }

func (p *flexVol[N]) uses(v N, out []use[N]) []use[N] {
	var busy, ar, arExecs N
	for i := range p.per.np {
		b := p.bm.at(i, v)
		busy = nplus(busy, b)
		if p.always > 0 && b.Sign() > 0 {
			// Always-ready instances take work first, up to their time in the period;
			// executions split in the same proportion.
			a := nmin(b, p.alwaysSecs[i])
			ar = nplus(ar, a)
			arExecs = nplus(arExecs, v.Mul(p.per.share[i]).Mul(a).DivRound(b, 12))
		}
	}
	p.lastBusy, p.lastAR, p.lastARExecs = busy, ar, arExecs
	if p.always > 0 {
		out = append(out,
			use[N]{m: p.arBase, qty: p.arBaseQty},
			use[N]{m: p.arTime, qty: ar.Mul(p.instGB)},
			use[N]{m: p.arExec, qty: arExecs})
	}
	return append(out, use[N]{m: p.odTime, qty: busy.Sub(ar).Mul(p.instGB)}, use[N]{m: p.odExec, qty: v.Sub(arExecs)})
}

func (p *flexPricer) explain(v dec, a []string, tb *text) []string {
	a = append(a, tb.s("Instance memory ").i(int64(p.sizeMB)).s(" MB (the smallest of 512/2,048/4,096 MB that holds ").i(int64(p.reqMB)).s(" MB) = ").
		n(p.instGB, 4).s(" GB is billed for every second an instance is active, whatever the executions use.").String())
	if p.concDefault {
		a = append(a, tb.s("Per-instance HTTP concurrency ").i(int64(p.concurrency)).s(", Flex Consumption's default for a ").i(int64(p.sizeMB)).s(" MB instance (the profile sets none).").String())
	}
	if p.concurrency > 1 {
		a = append(a, tb.s("Executions share an instance up to ").i(int64(p.concurrency)).s(" at a time, the scaling target with no headroom, and are billed once per active instance: an activity period bills at least ").
			secs(p.billed).s(" (1,000 ms minimum, then 100 ms steps); overlapping executions are billed once (busy share 1 - e^(-rate x billed duration) of one instance), and at least executions x duration / ").
			i(int64(p.concurrency)).s("; ").n(p.lastBusy, 0).s(" instance-seconds this month.").String())
	} else {
		a = append(a, tb.s("Each execution has an instance to itself: isolated executions bill ").
			secs(p.billed).s(" each (1,000 ms minimum, then 100 ms steps); once they overlap, instances are continuously active; ").
			n(p.lastBusy, 0).s(" instance-seconds this month.").String())
	}
	if p.always > 0 {
		a = append(a, tb.plural(p.always, "always-ready instance").s(" billed at the baseline rate all month; they run ").n(p.lastAR, 0).
			s(" of the active seconds and ").n(p.lastARExecs, 0).s(" executions at always-ready rates (no free grant); the rest run on demand.").String())
	}
	if p.linuxNote {
		a = append(a, "Flex Consumption runs Linux only; priced at its only rates.")
	}
	return a
}

// fvol returns the float64 usage state, built on first use: only the
// break-even search needs it.
func (p *flexPricer) fvol() *flexVol[flt] {
	if !p.fok {
		q := &p.flexVol
		p.f, p.fok = flexVol[flt]{per: p.sh.fltPeriods(), odTime: q.odTime, odExec: q.odExec, arBase: q.arBase, arTime: q.arTime, arExec: q.arExec,
			instGB: toFlt(q.instGB), bm: fltBusy(&q.bm), always: q.always, alwaysSecs: toFlts(q.alwaysSecs), arBaseQty: toFlt(q.arBaseQty)}, true
	}
	return &p.f
}
