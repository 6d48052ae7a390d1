package pricing

import (
	"time"

	"github.com/shopspring/decimal"
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
	cpu, mem                 decimal.Decimal
	billed                   decimal.Decimal
	bm, cool                 busyModel
	im                       instanceModel
	minInst                  int64
	minSecs                  []decimal.Decimal
	concurrency              int
	job                      bool
	runSecs                  decimal.Decimal
	scratchA, scratchB       []usage
	lastMode                 string
	lastReqCost, lastInsCost decimal.Decimal
	lastBusy, lastIdle       decimal.Decimal
	lastRunning              decimal.Decimal
	lastCounts               []int64
	notes                    []string
}

func prepRun(c *calcCtx, instanceBilling bool) (pricer, string) {
	w := c.w
	if w.GPU > 0 {
		return gpuUnpriced(c)
	}
	p := &runPricer{sh: c.sh, rb: c.rb, freeTier: c.s.FreeTier, job: c.sh.job,
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
	p.cpu = vcpuOf(w, decimal.New(8, -2))
	p.mem = memGiB(w, 128)
	if w.OS == "windows" {
		p.notes = append(p.notes, c.p.Name+" runs Linux only; priced at its only rates.")
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
	for _, per := range c.sh.periods {
		p.minSecs = append(p.minSecs, decimal.NewFromInt(p.minInst).Mul(per.secs))
	}
	if instanceBilling {
		p.im = newInstanceModel(c.sh, p.concurrency, 0)
		p.cool = newBusyModel(c.sh, p.sh.dur.Add(decimal.NewFromInt(int64(runIdleRetention/time.Second))), p.concurrency)
	}
	return p, ""
}

func (p *runPricer) requestBased(v decimal.Decimal, out []usage) []usage {
	busy, idle := zero, zero
	for i := range p.sh.periods {
		b := p.bm.at(i, v)
		busy = plus(busy, b)
		if p.minInst > 0 {
			idle = plus(idle, decimal.Max(zero, p.minSecs[i].Sub(b)))
		}
	}
	p.lastBusy, p.lastIdle = busy, idle
	out = append(out, usage{m: p.cpuM, qty: busy.Mul(p.cpu)}, usage{m: p.memM, qty: busy.Mul(p.mem)}, usage{m: p.reqM, qty: v})
	if p.minInst > 0 {
		out = append(out, usage{m: p.idleCPU, qty: idle.Mul(p.cpu)}, usage{m: p.idleMem, qty: idle.Mul(p.mem)})
	}
	return out
}

func (p *runPricer) instanceBased(v decimal.Decimal, out []usage) []usage {
	running := zero
	p.lastCounts = p.lastCounts[:0]
	for i := range p.sh.periods {
		r, _, n := replicaSeconds(p.sh, &p.im, &p.bm, &p.cool, p.minSecs, p.minInst, i, v)
		running = plus(running, r)
		p.lastCounts = append(p.lastCounts, n)
	}
	p.lastRunning = running
	return append(out, usage{m: p.instCPU, qty: running.Mul(p.cpu)}, usage{m: p.instMem, qty: running.Mul(p.mem)})
}

// usages picks the cheaper billing mode at v (request-based on a tie); Cloud Run
// functions only have request-based billing.
func (p *runPricer) usages(v decimal.Decimal, out []usage) []usage {
	if p.job && p.instCPU != nil {
		secs := v.Mul(p.runSecs)
		p.lastMode, p.lastRunning = "job", secs
		return append(out, usage{m: p.instCPU, qty: secs.Mul(p.cpu)}, usage{m: p.instMem, qty: secs.Mul(p.mem)})
	}
	if p.instCPU == nil {
		p.lastMode = "request"
		return p.requestBased(v, out)
	}
	p.scratchA = p.requestBased(v, p.scratchA[:0])
	busy, idle := p.lastBusy, p.lastIdle
	p.scratchB = p.instanceBased(v, p.scratchB[:0])
	p.lastReqCost, p.lastInsCost = p.cost(p.scratchA), p.cost(p.scratchB)
	p.lastBusy, p.lastIdle = busy, idle
	if p.lastInsCost.LessThan(p.lastReqCost) {
		p.lastMode = "instance"
		return append(out, p.scratchB...)
	}
	p.lastMode = "request"
	return append(out, p.scratchA...)
}

// runMode is one billing mode of a Cloud Run pricer, as a curve of its own for
// the break-even search: request-based billing is priced exactly like Cloud Run
// functions, so only instance-based billing can undercut them, and that must
// not hide behind the tie.
type runMode struct {
	p        *runPricer
	instance bool
}

func (m runMode) usages(v decimal.Decimal, out []usage) []usage {
	if m.instance {
		return m.p.instanceBased(v, out)
	}
	return m.p.requestBased(v, out)
}

func (m runMode) explain(v decimal.Decimal, a []string) []string { return m.p.explain(v, a) }

// modes splits a Cloud Run service into its two billing modes (jobs and
// Cloud Run functions have one).
func (p *runPricer) modes() []pricer {
	if p.instCPU == nil || p.job {
		return []pricer{p}
	}
	return []pricer{runMode{p: p}, runMode{p: p, instance: true}}
}

func (p *runPricer) cost(us []usage) decimal.Decimal {
	b := bill{rb: p.rb, freeTier: p.freeTier}
	b.run(us)
	return b.total
}

func (p *runPricer) explain(v decimal.Decimal, a []string) []string {
	a = append(a, "Instance of "+num(p.cpu, 3)+" vCPU and "+num(p.mem, 3)+" GiB, billed as asked.")
	switch p.lastMode {
	case "job":
		a = append(a, "Each job task is billed at the instance-based (jobs) rates for "+seconds(p.runSecs)+" (100 ms steps); no request charges.")
		return append(a, p.notes...)
	case "instance":
		a = append(a, "Instance-based billing is cheaper here ($"+num(p.lastInsCost, 2)+" vs $"+num(p.lastReqCost, 2)+
			" request-based, before rounding): instances are billed for their whole life, "+num(p.lastRunning, 0)+" instance-seconds, with no request fee.")
		a = append(a, "Instances = ceil(in-flight requests / ("+itoa(int64(p.concurrency))+" concurrency x 70% target utilisation)), at least "+itoa(p.minInst)+
			"; an instance scaled from zero is assumed to idle "+itoa(int64(runIdleRetention/time.Minute))+" minutes after its last request; peak "+plural(p.lastCounts[0], "instance")+".")
	default:
		if p.instCPU != nil {
			a = append(a, "Request-based billing is cheaper here (or equal): $"+num(p.lastReqCost, 2)+" vs $"+num(p.lastInsCost, 2)+" instance-based, before rounding.")
		} else {
			a = append(a, "Cloud Run functions use request-based billing only.")
		}
		a = append(a, "Billable time is when an instance has a request in flight, rounded up to 100 ms: isolated requests bill "+seconds(p.billed)+
			" each; under load up to "+itoa(int64(p.concurrency))+" requests share an instance (70% target utilisation); "+num(p.lastBusy, 0)+" instance-seconds this month.")
		if p.minInst > 0 {
			a = append(a, plural(p.minInst, "minimum instance")+" kept warm: "+num(p.lastIdle, 0)+" idle instance-seconds at the idle rates.")
		}
	}
	if p.rb.tier == 2 {
		a = append(a, p.rb.region+" is a Tier 2 region; the free tier is worth its Tier 1 value (a spending-based discount).")
	}
	return append(a, p.notes...)
}

// ---- GKE Autopilot ----

type autopilotPricer struct {
	sh                   *shape
	cluster, vcpuM, memM *meter
	cpu, mem             decimal.Decimal
	reqCPU, reqMem       decimal.Decimal
	im                   instanceModel
	minPods              int64
	job                  bool
	runSecs              decimal.Decimal
	concurrency          int
	lastCounts           []int64
	lastPodHours         decimal.Decimal
	notes                []string
}

var (
	quarter     = decimal.New(25, -2)
	half        = decimal.New(5, -1)
	maxMemRatio = decimal.New(65, -1)
)

// autopilotResources applies Autopilot's request rules: vCPU in 0.25 steps (at
// least 0.25), at least 0.5 GiB, and 1 to 6.5 GiB of memory per vCPU.
func autopilotResources(cpu, mem decimal.Decimal) (decimal.Decimal, decimal.Decimal) {
	up := func(x decimal.Decimal) decimal.Decimal { return x.Div(quarter).Ceil().Mul(quarter) }
	cpu = decimal.Max(quarter, up(cpu))
	mem = decimal.Max(half, mem)
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
	p := &autopilotPricer{sh: c.sh, job: c.sh.job, concurrency: concurrencyOf(w)}
	p.cluster = c.need("cluster", &missing)
	p.vcpuM = c.need("vcpu", &missing)
	p.memM = c.need("memory", &missing)
	if missing != "" {
		return nil, missing
	}
	p.reqCPU, p.reqMem = vcpuOf(w, zero), memGiB(w, 0)
	p.cpu, p.mem = autopilotResources(p.reqCPU, p.reqMem)
	if w.Arch == "arm" {
		p.notes = append(p.notes, "Arm pods are priced at the general-purpose (x86) rates; the Arm compute class rate is not in the bundled table.")
	}
	if w.OS == "windows" {
		p.notes = append(p.notes, "Autopilot runs Linux nodes only; priced at its only rates.")
	}
	if p.job {
		p.runSecs = billedSeconds(w.AvgDuration, time.Second, 0)
		return p, ""
	}
	p.minPods = int64(max(1, w.MinInstances))
	p.im = newInstanceModel(c.sh, p.concurrency, p.minPods)
	return p, ""
}

func (p *autopilotPricer) usages(v decimal.Decimal, out []usage) []usage {
	ph := zero
	if p.job {
		ph = v.Mul(p.runSecs).DivRound(secPerHour, 16)
	} else {
		p.lastCounts = p.lastCounts[:0]
		for i, per := range p.sh.periods {
			n := p.im.at(i, v)
			p.lastCounts = append(p.lastCounts, n)
			ph = plus(ph, decimal.NewFromInt(n).Mul(per.hours))
		}
	}
	p.lastPodHours = ph
	return append(out, usage{m: p.cluster, qty: p.sh.hoursDec}, usage{m: p.vcpuM, qty: ph.Mul(p.cpu)}, usage{m: p.memM, qty: ph.Mul(p.mem)})
}

func (p *autopilotPricer) explain(v decimal.Decimal, a []string) []string {
	a = append(a, "Pod requests "+num(p.cpu, 2)+" vCPU / "+num(p.mem, 3)+" GiB (asked "+num(p.reqCPU, 3)+" vCPU / "+num(p.reqMem, 3)+
		" GiB; Autopilot bills requests in 0.25 vCPU steps with 1 to 6.5 GiB per vCPU).")
	if p.job {
		a = append(a, "Each job run is a pod billed per second for "+seconds(p.runSecs)+": "+num(p.lastPodHours, 2)+" pod-hours.")
	} else {
		a = append(a, "Pods = ceil(in-flight requests / ("+itoa(int64(p.concurrency))+" concurrency x 70% target utilisation)), at least "+plural(p.minPods, "pod")+
			" (Autopilot does not scale a Deployment to zero): "+instanceSentence(p.sh, p.lastCounts, "pod")+".")
	}
	a = append(a, "The cluster fee is charged in full to this component; the $74.40 monthly GKE credit offsets it when the free tier is on; architecture totals charge the fee and apply the credit once.")
	a = append(a, "Autopilot ephemeral storage is not charged: the two sources disagree on its rate.")
	return append(a, p.notes...)
}
