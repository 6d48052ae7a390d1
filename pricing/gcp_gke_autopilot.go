package pricing

import (
	"time"
)

// The gcp-gke-autopilot calculator: Pod resource requests rounded to Autopilot's shapes.

func init() {
	preparers["gcp-gke-autopilot"] = prepAutopilot
}

type autopilotPricer struct {
	autopilotVol[dec]
	f              autopilotVol[flt] // for the break-even search
	fok            bool
	sh             *shape
	reqCPU, reqMem dec
	minPods        int64
	concurrency    int
	fl             fleet
	legacy         bool
	notes          [2]string
}

// autopilotVol is what the usages at a volume depend on: the cluster fee and
// pod-hours of vCPU and memory (pods counted, or a job's runs timed).
type autopilotVol[N number[N]] struct {
	instanceVol[N]
	cluster        *meter
	job            bool
	runSecs, perHr N // a job's billed seconds per run; seconds per hour
}

func (q *autopilotVol[N]) uses(v N, out []use[N]) []use[N] {
	out = append(out, use[N]{m: q.cluster, qty: q.per.monthHours})
	if !q.job {
		return q.instanceVol.uses(v, out)
	}
	ph := v.Mul(q.runSecs).DivRound(q.perHr, 16)
	q.lastHours = ph
	return append(out, use[N]{m: q.vcpuM, qty: ph.Mul(q.cpu)}, use[N]{m: q.memM, qty: ph.Mul(q.mem)})
}

// fltAutopilot is q in float64.
func fltAutopilot(q *autopilotVol[dec], per *periodsOf[flt]) autopilotVol[flt] {
	return autopilotVol[flt]{instanceVol: fltInstanceVol(&q.instanceVol, per), cluster: q.cluster, job: q.job, runSecs: toFlt(q.runSecs), perHr: 3600}
}

var (
	quarter     = decNew(25, -2)
	half        = decNew(5, -1)
	maxMemRatio = decNew(65, -1)
)

var (
	autopilotMinCPU = decNew(5, -2)            // 50m
	autopilotMinMem = decNew(52, 0).Mul(perKi) // 52 MiB
	milli           = decNew(1, -3)
)

// autopilotResources applies Autopilot's request rules on clusters that
// support bursting (the default for clusters created at 1.30.2-gke or later):
// at least 50m vCPU and 52 MiB, 1 to 6.5 GiB of memory per vCPU (vCPU raised
// to whole millicores when memory asks for more). legacy applies the older
// rules instead (see autopilotLegacyResources).
func autopilotResources(cpu, mem dec, legacy bool) (dec, dec) {
	if legacy {
		return autopilotLegacyResources(cpu, mem)
	}
	cpu = decMax(autopilotMinCPU, cpu)
	mem = decMax(autopilotMinMem, mem)
	if mem.GreaterThan(cpu.Mul(maxMemRatio)) {
		cpu = mem.DivRound(maxMemRatio, 12).Div(milli).Ceil().Mul(milli)
	}
	if mem.LessThan(cpu) {
		mem = cpu
	}
	return cpu, mem
}

// autopilotLegacyResources applies the rules of clusters without bursting:
// vCPU in 0.25 steps (at least 0.25), at least 0.5 GiB, and 1 to 6.5 GiB of
// memory per vCPU.
func autopilotLegacyResources(cpu, mem dec) (dec, dec) {
	up := func(x dec) dec { return x.Div(quarter).Ceil().Mul(quarter) }
	cpu = decMax(quarter, up(cpu))
	mem = decMax(half, mem)
	if mem.GreaterThan(cpu.Mul(maxMemRatio)) {
		cpu = up(mem.DivRound(maxMemRatio, 12))
	}
	if mem.LessThan(cpu) {
		mem = cpu
	}
	return cpu, mem
}

func prepAutopilot(c *calcCtx) (pricer, string) {
	w := c.w
	if w.GPU > 0 {
		return nil, "no GKE Autopilot GPU price in the bundled table (the workload asks for " + itoa(int64(w.GPU)) + " GPU per pod)"
	}
	var missing string
	p := slot(c, func(s *calcStore) *autopilotPricer { return &s.auto })
	*p = autopilotPricer{sh: c.sh, concurrency: concurrencyOf(w)}
	p.job, p.per, p.perHr = c.sh.job, &c.sh.pd, secPerHour
	p.cluster = c.need("cluster", &missing)
	p.vcpuM = c.need("vcpu", &missing)
	p.memM = c.need("memory", &missing)
	if missing != "" {
		return nil, missing
	}
	p.reqCPU, p.reqMem = vcpuOf(w, zero), memGiB(w, 0)
	p.legacy = c.s.AutopilotLegacySizing
	p.cpu, p.mem = autopilotResources(p.reqCPU, p.reqMem, p.legacy)
	if w.Arch == "arm" {
		p.notes[0] = "Arm pods are priced at the general-purpose (x86) rates; the Arm compute class rate is not in the bundled table."
	}
	if w.OS == "windows" {
		p.notes[1] = "Autopilot runs Linux nodes only; priced at its only rates."
	}
	if p.job {
		p.runSecs = billedSeconds(w.AvgDuration, time.Second, 0)
	} else {
		p.minPods = int64(max(1, w.MinInstances))
		p.fl = newFleet(c.p.ID, w, p.concurrency, p.cpu)
		p.im = newInstanceModel(c.sh, p.fl.cap, p.minPods)
	}
	return p, ""
}

// stairs: pod counts times fixed prices for a Deployment; a job's cost grows
// with its runs (see stairPricer).
func (p *autopilotPricer) stairs() bool { return !p.job }

func (p *autopilotPricer) usages(v dec, out []usage) []usage        { return p.uses(v, out) }
func (p *autopilotPricer) usagesF(v flt, out []use[flt]) []use[flt] { return p.fvol().uses(v, out) }

func (p *autopilotPricer) explain(v dec, a []string, tb *text) []string {
	if p.legacy {
		a = append(a, tb.s("Pod requests ").n(p.cpu, 2).s(" vCPU / ").n(p.mem, 3).s(" GiB (asked ").n(p.reqCPU, 3).s(" vCPU / ").n(p.reqMem, 3).
			s(" GiB; without bursting, Autopilot bills requests in 0.25 vCPU steps, at least 0.25 vCPU / 0.5 GiB, with 1 to 6.5 GiB per vCPU).").String())
	} else {
		a = append(a, tb.s("Pod requests ").n(p.cpu, 3).s(" vCPU / ").n(p.mem, 3).s(" GiB (asked ").n(p.reqCPU, 3).s(" vCPU / ").n(p.reqMem, 3).
			s(" GiB; on clusters that support bursting, the default since 1.30.2-gke, Autopilot bills requests of at least 50m vCPU / 52 MiB with 1 to 6.5 GiB per vCPU).").String())
	}
	if p.job {
		a = append(a, tb.s("Each job run is a pod billed per second for ").secs(p.runSecs).s(": ").n(p.lastHours, 2).s(" pod-hours.").String())
	} else {
		a = append(a, p.fl.sentence(tb.s("Pods = "), "pod").s(", at least ").plural(p.minPods, "pod").
			s(" (Autopilot does not scale a Deployment to zero): ").instances(p.sh, p.lastCounts[:p.sh.np], "pod").s(".").String())
	}
	a = append(a, "The cluster fee is charged in full to this component; the $74.40 monthly GKE credit offsets it when the free tier is on; architecture totals charge the fee and apply the credit once.")
	a = append(a, "Autopilot ephemeral storage is not charged: the two sources disagree on its rate.")
	for _, n := range p.notes {
		if n != "" {
			a = append(a, n)
		}
	}
	return a
}

// fvol returns the float64 usage state, built on first use: only the
// break-even search needs it.
func (p *autopilotPricer) fvol() *autopilotVol[flt] {
	if !p.fok {
		p.f, p.fok = fltAutopilot(&p.autopilotVol, p.sh.fltPeriods()), true
	}
	return &p.f
}
