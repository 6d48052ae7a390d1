package pricing

import (
	"time"
)

// The aws-fargate calculator: task sizes, vCPU- and GB-hours of the tasks a workload keeps running.

func init() {
	preparers["aws-fargate"] = prepFargate
}

// fargateSizes are the valid task sizes: vCPU -> memory GB options
// (https://aws.amazon.com/fargate/pricing/, "Supported sizes"; 32 vCPU sizes are
// left out because Fargate's documented task maximum is 16 vCPU / 120 GB).
var fargateSizes = []struct {
	cpu       dec
	memMin    dec
	memMax    dec
	memStep   dec
	memChoice []dec // explicit choices (0.25 vCPU)
}{
	{cpu: decNew(25, -2), memChoice: []dec{decNew(5, -1), decInt(1), decInt(2)}},
	{cpu: decNew(5, -1), memMin: decInt(1), memMax: decInt(4), memStep: xOne},
	{cpu: xOne, memMin: decInt(2), memMax: decInt(8), memStep: xOne},
	{cpu: decInt(2), memMin: decInt(4), memMax: decInt(16), memStep: xOne},
	{cpu: decInt(4), memMin: decInt(8), memMax: decInt(30), memStep: xOne},
	{cpu: decInt(8), memMin: decInt(16), memMax: decInt(60), memStep: decInt(4)},
	{cpu: decInt(16), memMin: decInt(32), memMax: decInt(120), memStep: decInt(8)},
}

// fargateSize snaps a request to the smallest valid task size that covers it
// (prices rise with both vCPU and memory, so the smallest is the cheapest).
func fargateSize(cpu, memGB dec, minCPU dec) (dec, dec, bool) {
	for _, s := range fargateSizes {
		if s.cpu.LessThan(cpu) || s.cpu.LessThan(minCPU) {
			continue
		}
		if s.memChoice != nil {
			for _, m := range s.memChoice {
				if m.GreaterThanOrEqual(memGB) {
					return s.cpu, m, true
				}
			}
			continue
		}
		if memGB.GreaterThan(s.memMax) {
			continue
		}
		m := s.memMin
		if memGB.GreaterThan(m) {
			steps := memGB.Sub(s.memMin).Div(s.memStep).Ceil()
			m = s.memMin.Add(steps.Mul(s.memStep))
		}
		return s.cpu, m, true
	}
	return zero, zero, false
}

type fargatePricer struct {
	fargateVol[dec]
	f                    fargateVol[flt] // for the break-even search
	fok                  bool
	sh                   *shape
	reqCPU, reqMem       dec
	concurrency          int
	fl                   fleet
	archNote             string
	minInstances         int64
	requestedEphemeralGB int64
	perMessage           bool // a queue or event consumer run as one task per message
}

// perMessageMinDuration is the shortest average run at which a queue, event or
// storage consumer is priced as one Fargate task per message: below it a task's
// start-up (image pull, ENI) is no longer small against the work.
const perMessageMinDuration = time.Minute

// runsPerMessage reports whether a component is event-driven work long enough
// to run as a task per message.
func runsPerMessage(w *Workload) bool {
	switch w.Trigger {
	case "queue", "event", "storage":
		return w.AvgDuration >= perMessageMinDuration && w.MinInstances == 0
	}
	return false
}

func prepFargate(c *calcCtx) (pricer, string) {
	w := c.w
	if w.GPU > 0 {
		return gpuUnpriced(c)
	}
	p := slot(c, func(s *calcStore) *fargatePricer { return &s.fargate })
	*p = fargatePricer{sh: c.sh, concurrency: concurrencyOf(w)}
	p.windows, p.job, p.per, p.perHr = w.OS == "windows", c.sh.job, &c.sh.pd, secPerHour
	if !p.job && runsPerMessage(w) {
		// Work of a minute or more per message is started as one task per message
		// (EventBridge Pipes or Step Functions ECS RunTask), billed per run like a
		// scheduled job, not as an always-on service sized for the backlog.
		p.job, p.perMessage = true, true
	}
	p.reqCPU = vcpuOf(w, quarter)
	p.reqMem = memGiB(w, 512)
	minCPU := zero
	if p.windows {
		minCPU = xOne // Windows tasks need at least 1 vCPU
	}
	var ok bool
	p.cpu, p.mem, ok = fargateSize(p.reqCPU, p.reqMem, minCPU)
	if !ok {
		return nil, "the workload (" + num(p.reqCPU, 2) + " vCPU, " + num(p.reqMem, 2) + " GB) exceeds the largest Fargate task size (16 vCPU, 120 GB)"
	}
	var missing string
	switch {
	case p.windows:
		p.vcpuM = c.need("windows-vcpu", &missing)
		p.licM = c.need("windows-license", &missing)
		p.memM = c.need("windows-memory", &missing)
		if w.Arch == "arm" {
			p.archNote = "Fargate has no Windows on Arm; priced as Windows on x86."
		}
	case w.Arch == "arm":
		p.vcpuM = c.need("linux-arm-vcpu", &missing)
		p.memM = c.need("linux-arm-memory", &missing)
	default:
		p.vcpuM = c.need("linux-x86-vcpu", &missing)
		p.memM = c.need("linux-x86-memory", &missing)
	}
	if gb := int64((w.EphemeralStorageMB + 1023) / 1024); gb > 20 {
		p.requestedEphemeralGB = gb
		p.ephExtra = decInt(gb - 20)
		p.ephM = c.need("ephemeral-storage", &missing)
	}
	if missing != "" {
		return nil, missing
	}
	if p.job {
		minimum := time.Minute
		if p.windows {
			minimum = 5 * time.Minute
		}
		p.runSecs = billedSeconds(w.AvgDuration, time.Second, minimum)
	} else {
		p.minInstances = int64(max(1, w.MinInstances))
		p.fl = newFleet(c.p.ID, w, p.concurrency, p.cpu)
		p.im = newInstanceModel(c.sh, p.fl.cap, p.minInstances)
	}
	return p, ""
}

// taskTime returns task-hours and task-seconds at volume v.
// stairs: a service's task counts times fixed prices; a job's cost grows
// with its runs (see stairPricer).
func (p *fargatePricer) stairs() bool { return !p.job }

// fargateVol is what the usages at a volume depend on: task-hours (or
// task-seconds on Windows) of vCPU, memory and extra ephemeral storage.
type fargateVol[N number[N]] struct {
	per               *periodsOf[N]
	windows, job      bool
	cpu, mem          N
	vcpuM, memM, licM *meter
	ephM              *meter
	ephExtra          N
	im                instanceModelOf[N]
	runSecs, perHr    N // a job's billed seconds per run; seconds per hour
	lastCounts        [maxPeriods]int64
	lastHours         N
}

// taskTime returns the task-hours and task-seconds at volume v.
func (p *fargateVol[N]) taskTime(v N) (N, N) {
	if p.job {
		secs := v.Mul(p.runSecs)
		return secs.DivRound(p.perHr, 16), secs
	}
	var hours, secs N
	fromInt := kitOf[N]().fromInt
	for i := range p.per.np {
		n := p.im.at(i, v)
		p.lastCounts[i] = n
		nd := fromInt(n)
		hours = nplus(hours, nd.Mul(p.per.hours[i]))
		secs = nplus(secs, nd.Mul(p.per.secs[i]))
	}
	return hours, secs
}

func (p *fargateVol[N]) uses(v N, out []use[N]) []use[N] {
	hours, secs := p.taskTime(v)
	p.lastHours = hours
	if p.windows {
		cpuSecs := secs.Mul(p.cpu)
		out = append(out, use[N]{m: p.vcpuM, qty: cpuSecs}, use[N]{m: p.licM, qty: cpuSecs}, use[N]{m: p.memM, qty: secs.Mul(p.mem)})
	} else {
		out = append(out, use[N]{m: p.vcpuM, qty: hours.Mul(p.cpu)}, use[N]{m: p.memM, qty: hours.Mul(p.mem)})
	}
	if p.ephM != nil {
		out = append(out, use[N]{m: p.ephM, qty: hours.Mul(p.ephExtra)})
	}
	return out
}

func (p *fargatePricer) usages(v dec, out []usage) []usage        { return p.uses(v, out) }
func (p *fargatePricer) usagesF(v flt, out []use[flt]) []use[flt] { return p.fvol().uses(v, out) }

func (p *fargatePricer) explain(v dec, a []string, tb *text) []string {
	a = append(a, tb.s("Task size snapped to a valid Fargate combination: ").n(p.cpu, 2).s(" vCPU / ").n(p.mem, 2).s(" GB for the ").
		n(p.reqCPU, 2).s(" vCPU / ").n(p.reqMem, 3).s(" GB asked.").String())
	if p.job {
		minimum := "1-minute"
		if p.windows {
			minimum = "5-minute"
		}
		if p.perMessage {
			a = append(a, tb.s("Each message of a minute or more of work runs as its own task (ECS RunTask from EventBridge Pipes or Step Functions) instead of an always-on service; task start-up time is not billed here.").String())
		}
		a = append(a, tb.s("Each run is a task billed per second with a ").s(minimum).s(" minimum: ").secs(p.runSecs).s(" per run, ").n(p.lastHours, 2).s(" task-hours a month.").String())
	} else {
		a = append(a, p.fl.sentence(tb.s("Tasks needed = "), "task").s(", at least ").
			plural(p.minInstances, "task").s(" (Fargate services do not scale to zero): ").instances(p.sh, p.lastCounts[:p.sh.np], "task").s(".").String())
	}
	if p.windows {
		a = append(a, "Windows tasks pay the Windows vCPU, OS licence and memory rates per second.")
	}
	if p.archNote != "" {
		a = append(a, p.archNote)
	}
	if p.ephM != nil {
		a = append(a, tb.s("Ephemeral storage: ").i(p.requestedEphemeralGB).s(" GB per task, of which 20 GB is included.").String())
	}
	a = append(a, "Fargate has no free tier; public IPv4 is not included.")
	return a
}

// fvol returns the float64 usage state, built on first use: only the
// break-even search needs it.
func (p *fargatePricer) fvol() *fargateVol[flt] {
	if !p.fok {
		q := &p.fargateVol
		p.f, p.fok = fargateVol[flt]{per: p.sh.fltPeriods(), windows: q.windows, job: q.job, cpu: toFlt(q.cpu), mem: toFlt(q.mem), vcpuM: q.vcpuM, memM: q.memM, licM: q.licM,
			ephM: q.ephM, ephExtra: toFlt(q.ephExtra), im: fltInstances(&q.im), runSecs: toFlt(q.runSecs), perHr: 3600}, true
	}
	return &p.f
}
