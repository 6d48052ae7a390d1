package pricing

import (
	"time"
)

func init() {
	preparers["azure-functions-flex"] = prepFlex
	preparers["azure-functions-premium"] = prepPremium
	preparers["azure-container-apps"] = prepACA
	preparers["azure-aks"] = func(c *calcCtx) (pricer, string) { return prepK8s(c, "cluster") }
}

// ---- Azure Functions Flex Consumption ----

// flexSizes are the instance memory sizes (MB) Flex Consumption offers.
var flexSizes = []int{512, 2048, 4096}

type flexPricer struct {
	sh                            *shape
	odTime, odExec                *meter
	arBase, arTime, arExec        *meter
	sizeMB, reqMB                 int
	instGB                        xd
	billed                        xd
	bm                            busyModel
	always                        int64
	alwaysSecs                    [maxPeriods]xd
	arBaseQty                     xd // always x instance GB x month
	concurrency                   int
	concDefault                   bool // concurrency is the size's default
	lastBusy, lastAR, lastARExecs xd
	linuxNote                     bool
}

func prepFlex(c *calcCtx) (pricer, string) {
	w := c.w
	if w.GPU > 0 {
		return gpuUnpriced(c)
	}
	mem := max(w.MemoryMB, 0)
	p := c.flexPricer()
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
			p.alwaysSecs[i] = xInt(p.always).Mul(per.secs)
		}
	}
	if missing != "" {
		return nil, missing
	}
	p.instGB = gbOf(int64(p.sizeMB))
	p.arBaseQty = xInt(p.always).Mul(p.instGB).Mul(p.sh.secs)
	// An instance's activity period is billed for at least 1,000 ms, then in 100 ms steps.
	p.billed = billedSeconds(w.AvgDuration, 100*time.Millisecond, time.Second)
	// The per-instance concurrency is Flex's scaling target itself: no headroom.
	fl := newFleet(c.p.ID, w, p.concurrency, zero)
	p.bm = newBusyModel(c.sh, p.billed, fl.cap, p.concurrency > 1)
	return p, ""
}

func (p *flexPricer) usages(v xd, out []usage) []usage {
	busy, ar, arExecs := zero, zero, zero
	for i := range p.sh.np {
		b := p.bm.at(i, v)
		busy = plus(busy, b)
		if p.always > 0 && b.Sign() > 0 {
			// Always-ready instances take work first, up to their time in the period;
			// executions split in the same proportion.
			a := xMin(b, p.alwaysSecs[i])
			ar = plus(ar, a)
			arExecs = plus(arExecs, v.Mul(p.sh.pa[i].share).Mul(a).DivRound(b, 12))
		}
	}
	p.lastBusy, p.lastAR, p.lastARExecs = busy, ar, arExecs
	if p.always > 0 {
		out = append(out,
			usage{m: p.arBase, qty: p.arBaseQty},
			usage{m: p.arTime, qty: ar.Mul(p.instGB)},
			usage{m: p.arExec, qty: arExecs})
	}
	return append(out, usage{m: p.odTime, qty: busy.Sub(ar).Mul(p.instGB)}, usage{m: p.odExec, qty: v.Sub(arExecs)})
}

func (p *flexPricer) explain(v xd, a []string, tb *text) []string {
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

// ---- Azure Functions Premium ----

// premiumSizes are the Elastic Premium plans (vCPU, memory GB).
var premiumSizes = []struct {
	name string
	cpu  xd
	mem  xd
}{
	{"EP1", xOne, xNew(35, -1)},
	{"EP2", xInt(2), xInt(7)},
	{"EP3", xInt(4), xInt(14)},
}

type premiumPricer struct {
	sh          *shape
	vcpuM, memM *meter
	size        int
	perInstance int64
	fl          fleet
	im          instanceModel
	minInst     int64
	lastCounts  [maxPeriods]int64
}

func prepPremium(c *calcCtx) (pricer, string) {
	w := c.w
	if w.GPU > 0 {
		return gpuUnpriced(c)
	}
	cpu := vcpuOf(w, zero)
	mem := memGiB(w, 0)
	p := c.premiumPricer()
	*p = premiumPricer{sh: c.sh, size: -1}
	for i, s := range premiumSizes {
		if s.cpu.GreaterThanOrEqual(cpu) && s.mem.GreaterThanOrEqual(mem) {
			p.size = i
			break
		}
	}
	if p.size < 0 {
		return nil, "the workload (" + num(cpu, 2) + " vCPU, " + num(mem, 2) + " GB) exceeds the largest Premium plan (EP3: 4 vCPU, 14 GB)"
	}
	var missing string
	p.vcpuM = c.need("vcpu", &missing)
	p.memM = c.need("memory", &missing)
	if missing != "" {
		return nil, missing
	}
	// An instance hosts as many executions as its memory holds, or the
	// workload's concurrency if that is higher.
	byMem := int64(1)
	if w.MemoryMB > 0 {
		byMem = premiumSizes[p.size].mem.Mul(xInt(1024)).Div(xInt(int64(w.MemoryMB))).Floor().IntPart()
	}
	p.perInstance = max(int64(concurrencyOf(w)), byMem, 1)
	if c.sh.job {
		p.perInstance = 1
	}
	p.minInst = int64(max(1, w.MinInstances))
	if c.sh.job {
		p.fl = newFleet(c.p.ID, w, 1, zero) // runs are counted, not sized
	} else {
		p.fl = newFleet(c.p.ID, w, int(min(p.perInstance, 1<<30)), premiumSizes[p.size].cpu)
	}
	p.im = newInstanceModel(c.sh, p.fl.cap, p.minInst)
	return p, ""
}

func (p *premiumPricer) usages(v xd, out []usage) []usage {
	hours := zero
	for i := range p.sh.np {
		n := p.im.at(i, v)
		p.lastCounts[i] = n
		hours = plus(hours, xInt(n).Mul(p.sh.pa[i].hours))
	}
	s := &premiumSizes[p.size]
	return append(out, usage{m: p.vcpuM, qty: hours.Mul(s.cpu)}, usage{m: p.memM, qty: hours.Mul(s.mem)})
}

func (p *premiumPricer) explain(v xd, a []string, tb *text) []string {
	s := &premiumSizes[p.size]
	a = append(a, tb.s("Plan ").s(s.name).s(" (").n(s.cpu, 0).s(" vCPU, ").n(s.mem, 1).s(" GB), the smallest that fits the workload; an instance runs up to ").
		i(p.perInstance).s(" executions at once (its memory or the workload's concurrency, whichever is more).").String())
	a = append(a, p.fl.sentence(tb.s("Instances = "), "instance").s(", at least ").plural(p.minInst, "instance").
		s(" always on (Premium does not scale to zero): ").instances(p.sh, p.lastCounts[:p.sh.np], "instance").s("; no free grant.").String())
	return a
}

// ---- Azure Container Apps (Consumption plan) ----

// acaSize returns the Consumption plan's smallest allocation covering cpu and
// mem: vCPU in 0.25 steps from 0.25 to 4 with exactly 2 GiB per vCPU.
func acaSize(cpu, mem xd) (xd, xd, bool) {
	c := xMax(cpu, mem.DivRound(xInt(2), 12))
	c = xMax(quarter, c.Div(quarter).Ceil().Mul(quarter))
	if c.GreaterThan(xInt(4)) {
		return zero, zero, false
	}
	return c, c.Mul(xInt(2)), true
}

// acaCooldown is how long a replica stays up after its last request before
// scaling in (the KEDA default cooldown period; not in the bundled sources).
const acaCooldown = 300 * time.Second

type acaPricer struct {
	sh                     *shape
	aCPU, aMem, iCPU, iMem *meter
	req                    *meter
	cpu, mem               xd
	bm, cool               busyModel
	im                     instanceModel
	minRep                 int64
	minSecs                [maxPeriods]xd
	job                    bool
	runSecs                xd
	http                   bool
	concurrency            int
	fl                     fleet
	reqCPU, reqMem         xd
	lastActive, lastIdle   xd
	lastCounts             [maxPeriods]int64
	notes                  string
}

func prepACA(c *calcCtx) (pricer, string) {
	w := c.w
	if w.GPU > 0 {
		return gpuUnpriced(c)
	}
	var missing string
	p := c.acaPricer()
	*p = acaPricer{sh: c.sh, job: c.sh.job, http: w.Trigger == "http", concurrency: concurrencyOf(w)}
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
	p.cool = newBusyModel(c.sh, p.sh.dur.Add(xInt(int64(acaCooldown/time.Second))), p.fl.cap, shared)
	p.im = newInstanceModel(c.sh, p.fl.cap, 0)
	for i, per := range c.sh.periods() {
		p.minSecs[i] = xInt(p.minRep).Mul(per.secs)
	}
	return p, ""
}

// replicaSeconds returns the running and the active replica-seconds of period i
// for a scale-to-zero platform with m minimum replicas, and the replicas running.
// Replicas above the minimum are active all the time they run; minimum replicas
// are active only while they have requests in flight.
func replicaSeconds(sh *shape, im *instanceModel, bm, cool *busyModel, minSecs *[maxPeriods]xd, m int64, i int, v xd) (running, active xd, n int64) {
	nt := im.at(i, v)
	switch {
	case nt <= m:
		return minSecs[i], xMin(minSecs[i], bm.at(i, v)), m
	case nt == 1:
		// A single replica scaled from zero lives for its requests plus the idle timeout.
		r := xMin(sh.pa[i].secs, cool.at(i, v))
		return r, r, 1
	}
	r := xInt(nt).Mul(sh.pa[i].secs)
	return r, r, nt
}

func (p *acaPricer) usages(v xd, out []usage) []usage {
	if p.job {
		secs := v.Mul(p.runSecs)
		p.lastActive, p.lastIdle = secs, zero
		return append(out, usage{m: p.aCPU, qty: secs.Mul(p.cpu)}, usage{m: p.aMem, qty: secs.Mul(p.mem)})
	}
	active, idle := zero, zero
	for i := range p.sh.np {
		run, act, n := replicaSeconds(p.sh, &p.im, &p.bm, &p.cool, &p.minSecs, p.minRep, i, v)
		active = plus(active, act)
		idle = plus(idle, run.Sub(act))
		p.lastCounts[i] = n
	}
	p.lastActive, p.lastIdle = active, idle
	out = append(out, usage{m: p.aCPU, qty: active.Mul(p.cpu)}, usage{m: p.aMem, qty: active.Mul(p.mem)})
	if p.iCPU != nil {
		out = append(out, usage{m: p.iCPU, qty: idle.Mul(p.cpu)}, usage{m: p.iMem, qty: idle.Mul(p.mem)})
	}
	if p.req != nil {
		out = append(out, usage{m: p.req, qty: v})
	}
	return out
}

func (p *acaPricer) explain(v xd, a []string, tb *text) []string {
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

// stairs: instance counts times fixed prices (see stairPricer).
func (p *premiumPricer) stairs() bool { return true }

// stairs: replica counts, plus active and idle seconds (see stairPricer).
func (p *acaPricer) stairs() bool { return true }
