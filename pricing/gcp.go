package pricing

import (
	"time"
)

func init() {
	preparers["gcp-cloud-run-functions"] = func(c *calcCtx) (pricer, string) { return prepRun(c, false) }
	preparers["gcp-cloud-run"] = func(c *calcCtx) (pricer, string) { return prepRun(c, true) }
	preparers["gcp-gke-autopilot"] = prepAutopilot
}

// ---- Cloud Run and Cloud Run functions ----

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
}

func prepRun(c *calcCtx, instanceBilling bool) (pricer, string) {
	w := c.w
	if w.GPU > 0 {
		return gpuUnpriced(c)
	}
	p := c.runPricer(instanceBilling)
	*p = runPricer{sh: c.sh, rb: c.rb, freeTier: c.s.FreeTier, job: c.sh.job,
		concurrency: concurrencyOf(w), minInst: int64(max(0, w.MinInstances))}
	var missing string
	if instanceBilling {
		p.cpuM = c.need("request-cpu", &missing)
		p.memM = c.need("request-memory", &missing)
		p.instCPU = c.need("instance-cpu", &missing)
		p.instMem = c.need("instance-memory", &missing)
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
		return nil, missing
	}
	p.cpu = vcpuOf(w, xNew(8, -2))
	p.mem = memGiB(w, 128)
	if w.OS == "windows" {
		p.notes = c.p.Name + " runs Linux only; priced at its only rates."
	}
	if p.job && instanceBilling {
		// Cloud Run jobs bill task time at the instance-based rates.
		p.runSecs = billedSeconds(w.AvgDuration, 100*time.Millisecond, 0)
		return p, ""
	}
	if p.job {
		p.concurrency = 1
	}
	p.billed = billedSeconds(w.AvgDuration, 100*time.Millisecond, 0) // billable time rounds up to 100 ms
	p.bm = newBusyModel(c.sh, p.billed, p.concurrency)
	for i, per := range c.sh.periods() {
		p.minSecs[i] = xInt(p.minInst).Mul(per.secs)
	}
	if instanceBilling {
		p.im = newInstanceModel(c.sh, p.concurrency, 0)
		p.cool = newBusyModel(c.sh, p.sh.dur.Add(xInt(int64(runIdleRetention/time.Second))), p.concurrency)
	}
	return p, ""
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

// usages picks the cheaper billing mode at v (request-based on a tie); Cloud Run
// functions only have request-based billing.
func (p *runPricer) usages(v xd, out []usage) []usage {
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
		return m.p.instanceBased(v, out)
	}
	return m.p.requestBased(v, out)
}

func (m runMode) explain(v xd, a []string, tb *text) []string { return m.p.explain(v, a, tb) }

func (p *runPricer) cost(us []usage) xd {
	b := bill{rb: p.rb, freeTier: p.freeTier}
	b.run(us)
	return b.total
}

func (p *runPricer) explain(v xd, a []string, tb *text) []string {
	a = append(a, tb.s("Instance of ").n(p.cpu, 3).s(" vCPU and ").n(p.mem, 3).s(" GiB, billed as asked.").String())
	switch p.lastMode {
	case "job":
		a = append(a, tb.s("Each job task is billed at the instance-based (jobs) rates for ").secs(p.runSecs).s(" (100 ms steps); no request charges.").String())
		return p.appendNotes(a)
	case "instance":
		a = append(a, tb.s("Instance-based billing is cheaper here ($").n(p.lastInsCost, 2).s(" vs $").n(p.lastReqCost, 2).
			s(" request-based, before rounding): instances are billed for their whole life, ").n(p.lastRunning, 0).s(" instance-seconds, with no request fee.").String())
		a = append(a, tb.s("Instances = ceil(in-flight requests / (").i(int64(p.concurrency)).s(" concurrency x 70% target utilisation)), at least ").i(p.minInst).
			s("; an instance scaled from zero is assumed to idle 15 minutes after its last request; peak ").plural(p.lastCounts[0], "instance").s(".").String())
	default:
		if p.instCPU != nil {
			a = append(a, tb.s("Request-based billing is cheaper here (or equal): $").n(p.lastReqCost, 2).s(" vs $").n(p.lastInsCost, 2).s(" instance-based, before rounding.").String())
		} else {
			a = append(a, "Cloud Run functions use request-based billing only.")
		}
		a = append(a, tb.s("Billable time is when an instance has a request in flight, rounded up to 100 ms: isolated requests bill ").secs(p.billed).
			s(" each; under load up to ").i(int64(p.concurrency)).s(" requests share an instance (70% target utilisation); ").n(p.lastBusy, 0).s(" instance-seconds this month.").String())
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

// ---- GKE Autopilot ----

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
	lastCounts           [maxPeriods]int64
	lastPodHours         xd
	notes                [2]string
}

var (
	quarter     = xNew(25, -2)
	half        = xNew(5, -1)
	maxMemRatio = xNew(65, -1)
)

// autopilotResources applies Autopilot's request rules: vCPU in 0.25 steps (at
// least 0.25), at least 0.5 GiB, and 1 to 6.5 GiB of memory per vCPU.
func autopilotResources(cpu, mem xd) (xd, xd) {
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
	p.cpu, p.mem = autopilotResources(p.reqCPU, p.reqMem)
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
	p.im = newInstanceModel(c.sh, p.concurrency, p.minPods)
	return p, ""
}

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
	a = append(a, tb.s("Pod requests ").n(p.cpu, 2).s(" vCPU / ").n(p.mem, 3).s(" GiB (asked ").n(p.reqCPU, 3).s(" vCPU / ").n(p.reqMem, 3).
		s(" GiB; Autopilot bills requests in 0.25 vCPU steps with 1 to 6.5 GiB per vCPU).").String())
	if p.job {
		a = append(a, tb.s("Each job run is a pod billed per second for ").secs(p.runSecs).s(": ").n(p.lastPodHours, 2).s(" pod-hours.").String())
	} else {
		a = append(a, tb.s("Pods = ceil(in-flight requests / (").i(int64(p.concurrency)).s(" concurrency x 70% target utilisation)), at least ").plural(p.minPods, "pod").
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
