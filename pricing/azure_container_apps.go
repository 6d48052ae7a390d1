package pricing

import (
	"time"
)

// The azure-container-apps calculator: Consumption plan replicas, active and idle seconds, requests.

func init() {
	preparers["azure-container-apps"] = prepACA
}

// acaSize returns the Consumption plan's smallest allocation covering cpu and
// mem: vCPU in 0.25 steps from 0.25 to 4 with exactly 2 GiB per vCPU.
func acaSize(cpu, mem dec) (dec, dec, bool) {
	c := decMax(cpu, mem.DivRound(decInt(2), 12))
	c = decMax(quarter, c.Div(quarter).Ceil().Mul(quarter))
	if c.GreaterThan(decInt(4)) {
		return zero, zero, false
	}
	return c, c.Mul(decInt(2)), true
}

// acaCooldown is how long a replica stays up after its last request before
// scaling in (the KEDA default cooldown period; not in the bundled sources).
const acaCooldown = 300 * time.Second

type acaPricer struct {
	acaVol[dec]
	f              acaVol[flt] // for the break-even search
	fok            bool
	sh             *shape
	http           bool
	concurrency    int
	fl             fleet
	reqCPU, reqMem dec
	notes          string
}

// acaVol is what the usages at a volume depend on: active and idle replica
// time of vCPU and memory, and requests.
type acaVol[N number[N]] struct {
	per                    *periodsOf[N]
	aCPU, aMem, iCPU, iMem *meter
	req                    *meter
	cpu, mem               N
	bm, cool               busyModelOf[N]
	im                     instanceModelOf[N]
	minRep                 int64
	minSecs                [maxPeriods]N
	job                    bool
	runSecs                N
	lastActive, lastIdle   N
	lastCounts             [maxPeriods]int64
}

func prepACA(c *calcCtx) (pricer, string) {
	w := c.w
	if w.GPU > 0 {
		return gpuUnpriced(c)
	}
	var missing string
	p := slot(c, func(s *calcStore) *acaPricer { return &s.aca })
	*p = acaPricer{sh: c.sh, http: w.Trigger == "http", concurrency: concurrencyOf(w)}
	p.job, p.per = c.sh.job, &c.sh.pd
	p.aCPU = c.need("active-vcpu", &missing)
	p.aMem = c.need("active-memory", &missing)
	p.minRep = int64(max(0, w.MinInstances))
	if p.minRep > 0 && !p.job {
		p.iCPU = c.need("idle-vcpu", &missing)
		p.iMem = c.need("idle-memory", &missing)
	}
	if p.http && !p.job {
		p.req = c.need("requests", &missing)
	}
	if missing != "" {
		return nil, missing
	}
	p.reqCPU, p.reqMem = vcpuOf(w, zero), memGiB(w, 0)
	var ok bool
	if p.cpu, p.mem, ok = acaSize(p.reqCPU, p.reqMem); !ok {
		return nil, "the workload (" + num(p.reqCPU, 2) + " vCPU, " + num(p.reqMem, 2) + " GiB) exceeds Container Apps' largest Consumption size (4 vCPU, 8 GiB)"
	}
	if w.OS == "windows" {
		p.notes = "Container Apps runs Linux only; priced at its only rates."
	}
	if p.job {
		p.runSecs = billedSeconds(w.AvgDuration, time.Second, 0)
		return p, ""
	}
	rule := scalingFor(c.p.ID)
	if p.http && rule.ScaleRuleConcurrency > 0 {
		// The default HTTP scale rule aims at 10 concurrent requests a replica.
		p.fl = newFleet(c.p.ID, w, min(p.concurrency, rule.ScaleRuleConcurrency), p.cpu)
	} else {
		// Other triggers scale on their own rules: the workload's concurrency at its target.
		t := userTarget(w)
		p.fl = fleet{conc: p.concurrency, concT: t, cpuT: t, vcpu: p.cpu, frac: cpuFraction(w)}
		p.fl.cap, p.fl.cpuBound = capacity(p.fl.conc, t, p.cpu, p.fl.frac, t)
	}
	shared := p.concurrency > 1
	p.bm = newBusyModel(c.sh, p.sh.dur, p.fl.cap, shared)
	p.cool = newBusyModel(c.sh, p.sh.dur.Add(decInt(int64(acaCooldown/time.Second))), p.fl.cap, shared)
	p.im = newInstanceModel(c.sh, p.fl.cap, 0)
	for i, per := range c.sh.periods() {
		p.minSecs[i] = decInt(p.minRep).Mul(per.secs)
	}
	return p, ""
}

func (p *acaPricer) usages(v dec, out []usage) []usage        { return p.uses(v, out) }
func (p *acaPricer) usagesF(v flt, out []use[flt]) []use[flt] { return p.fvol().uses(v, out) }

func (p *acaVol[N]) uses(v N, out []use[N]) []use[N] {
	if p.job {
		secs := v.Mul(p.runSecs)
		var z N
		p.lastActive, p.lastIdle = secs, z
		return append(out, use[N]{m: p.aCPU, qty: secs.Mul(p.cpu)}, use[N]{m: p.aMem, qty: secs.Mul(p.mem)})
	}
	var active, idle N
	for i := range p.per.np {
		run, act, n := replicaSeconds(p.per, &p.im, &p.bm, &p.cool, &p.minSecs, p.minRep, i, v)
		active = nplus(active, act)
		idle = nplus(idle, run.Sub(act))
		p.lastCounts[i] = n
	}
	p.lastActive, p.lastIdle = active, idle
	out = append(out, use[N]{m: p.aCPU, qty: active.Mul(p.cpu)}, use[N]{m: p.aMem, qty: active.Mul(p.mem)})
	if p.iCPU != nil {
		out = append(out, use[N]{m: p.iCPU, qty: idle.Mul(p.cpu)}, use[N]{m: p.iMem, qty: idle.Mul(p.mem)})
	}
	if p.req != nil {
		out = append(out, use[N]{m: p.req, qty: v})
	}
	return out
}

func (p *acaPricer) explain(v dec, a []string, tb *text) []string {
	if p.cpu.Equal(p.reqCPU) && p.mem.Equal(p.reqMem) {
		a = append(a, tb.s("Replica of ").n(p.cpu, 3).s(" vCPU and ").n(p.mem, 3).s(" GiB, billed per second as asked.").String())
	} else {
		a = append(a, tb.s("Replica of ").n(p.cpu, 3).s(" vCPU and ").n(p.mem, 3).s(" GiB, billed per second: the Consumption plan only accepts vCPU in 0.25 steps with 2 GiB per vCPU, and this is the smallest covering the ").
			n(p.reqCPU, 3).s(" vCPU / ").n(p.reqMem, 3).s(" GiB asked.").String())
	}
	if p.job {
		a = append(a, tb.s("Each job run is billed at the active rate for ").secs(p.runSecs).s("; no request charges.").String())
		return p.appendNotes(a)
	}
	a = append(a, p.fl.sentence(tb.s("Replicas = "), "replica").s("; with min replicas ").
		i(p.minRep).s(" the app scales to ").i(p.minRep).s(" when idle: peak ").plural(p.lastCounts[0], "replica").s(".").String())
	a = append(a, tb.s("A replica scaled from zero is assumed to stay up 300 s after its last request (KEDA's default cooldown) at the active rate; minimum replicas are billed at the idle rate while no request is in flight: ").
		n(p.lastActive, 0).s(" active and ").n(p.lastIdle, 0).s(" idle replica-seconds.").String())
	if p.req != nil {
		a = append(a, "Every request is assumed to come from outside the environment, so all are billed.")
	} else {
		a = append(a, "No request charges: only HTTP requests from outside the environment are billed.")
	}
	return p.appendNotes(a)
}

func (p *acaPricer) appendNotes(a []string) []string {
	if p.notes != "" {
		a = append(a, p.notes)
	}
	return a
}

// stairs: replica counts, plus active and idle seconds (see stairPricer).
func (p *acaPricer) stairs() bool { return true }

// fvol returns the float64 usage state, built on first use: only the
// break-even search needs it.
func (p *acaPricer) fvol() *acaVol[flt] {
	if !p.fok {
		q := &p.acaVol
		p.f, p.fok = acaVol[flt]{per: p.sh.fltPeriods(), aCPU: q.aCPU, aMem: q.aMem, iCPU: q.iCPU, iMem: q.iMem, req: q.req, cpu: toFlt(q.cpu), mem: toFlt(q.mem),
			bm: fltBusy(&q.bm), cool: fltBusy(&q.cool), im: fltInstances(&q.im), minRep: q.minRep, minSecs: toFlts(q.minSecs), job: q.job, runSecs: toFlt(q.runSecs)}, true
	}
	return &p.f
}
