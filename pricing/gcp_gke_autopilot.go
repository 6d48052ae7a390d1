package pricing

import "time"

// The gcp-gke-autopilot calculator: Pod resource requests rounded to Autopilot's shapes.

func init() {
	preparers["gcp-gke-autopilot"] = prepAutopilot
}

type autopilotPricer struct {
	sh                   *shape
	cluster, vcpuM, memM *meter
	cpu, mem             xd
	reqCPU, reqMem       xd
	im                   instanceModel
	minPods              int64
	job                  bool
	runSecs              xd
	concurrency          int
	fl                   fleet
	legacy               bool
	lastCounts           [maxPeriods]int64
	lastPodHours         xd
	notes                [2]string
}

var (
	quarter     = xNew(25, -2)
	half        = xNew(5, -1)
	maxMemRatio = xNew(65, -1)
)

var (
	autopilotMinCPU = xNew(5, -2)            // 50m
	autopilotMinMem = xNew(52, 0).Mul(perKi) // 52 MiB
	milli           = xNew(1, -3)
)

// autopilotResources applies Autopilot's request rules on clusters that
// support bursting (the default for clusters created at 1.30.2-gke or later):
// at least 50m vCPU and 52 MiB, 1 to 6.5 GiB of memory per vCPU (vCPU raised
// to whole millicores when memory asks for more). legacy applies the older
// rules instead (see autopilotLegacyResources).
func autopilotResources(cpu, mem xd, legacy bool) (xd, xd) {
	if legacy {
		return autopilotLegacyResources(cpu, mem)
	}
	cpu = xMax(autopilotMinCPU, cpu)
	mem = xMax(autopilotMinMem, mem)
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
func autopilotLegacyResources(cpu, mem xd) (xd, xd) {
	up := func(x xd) xd { return x.Div(quarter).Ceil().Mul(quarter) }
	cpu = xMax(quarter, up(cpu))
	mem = xMax(half, mem)
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
	p := c.autopilotPricer()
	*p = autopilotPricer{sh: c.sh, job: c.sh.job, concurrency: concurrencyOf(w)}
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
		return p, ""
	}
	p.minPods = int64(max(1, w.MinInstances))
	p.fl = newFleet(c.p.ID, w, p.concurrency, p.cpu)
	p.im = newInstanceModel(c.sh, p.fl.cap, p.minPods)
	return p, ""
}

// stairs: pod counts times fixed prices for a Deployment; a job's cost grows
// with its runs (see stairPricer).
func (p *autopilotPricer) stairs() bool { return !p.job }

func (p *autopilotPricer) usages(v xd, out []usage) []usage {
	ph := zero
	if p.job {
		ph = v.Mul(p.runSecs).DivRound(secPerHour, 16)
	} else {
		for i := range p.sh.np {
			n := p.im.at(i, v)
			p.lastCounts[i] = n
			ph = plus(ph, xInt(n).Mul(p.sh.pa[i].hours))
		}
	}
	p.lastPodHours = ph
	return append(out, usage{m: p.cluster, qty: p.sh.hoursDec}, usage{m: p.vcpuM, qty: ph.Mul(p.cpu)}, usage{m: p.memM, qty: ph.Mul(p.mem)})
}

func (p *autopilotPricer) explain(v xd, a []string, tb *text) []string {
	if p.legacy {
		a = append(a, tb.s("Pod requests ").n(p.cpu, 2).s(" vCPU / ").n(p.mem, 3).s(" GiB (asked ").n(p.reqCPU, 3).s(" vCPU / ").n(p.reqMem, 3).
			s(" GiB; without bursting, Autopilot bills requests in 0.25 vCPU steps, at least 0.25 vCPU / 0.5 GiB, with 1 to 6.5 GiB per vCPU).").String())
	} else {
		a = append(a, tb.s("Pod requests ").n(p.cpu, 3).s(" vCPU / ").n(p.mem, 3).s(" GiB (asked ").n(p.reqCPU, 3).s(" vCPU / ").n(p.reqMem, 3).
			s(" GiB; on clusters that support bursting, the default since 1.30.2-gke, Autopilot bills requests of at least 50m vCPU / 52 MiB with 1 to 6.5 GiB per vCPU).").String())
	}
	if p.job {
		a = append(a, tb.s("Each job run is a pod billed per second for ").secs(p.runSecs).s(": ").n(p.lastPodHours, 2).s(" pod-hours.").String())
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
