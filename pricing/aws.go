package pricing

import (
	"time"

	"github.com/shopspring/decimal"
)

func init() {
	preparers["aws-lambda"] = prepLambda
	preparers["aws-fargate"] = prepFargate
	preparers["aws-eks"] = func(c *calcCtx) (pricer, string) { return prepK8s(c, "cluster") }
}

// ---- AWS Lambda ----

type lambdaPricer struct {
	sh                     *shape
	req, dur, eph          *meter
	pc, pcDur              *meter
	gb, billed             decimal.Decimal
	gbsPerReq, ephPerReq   decimal.Decimal
	memMB, ephMB           int
	pcEnvs                 int64
	pcGBs                  decimal.Decimal
	capSecs                []decimal.Decimal // provisioned capacity per period: envs x seconds
	arch                   string
	lastServed, lastOnDmnd decimal.Decimal
}

func prepLambda(c *calcCtx) (pricer, string) {
	w := c.w
	if w.GPU > 0 {
		return gpuUnpriced(c)
	}
	arch := "x86"
	if w.Arch == "arm" {
		arch = "arm"
	}
	var missing string
	p := &lambdaPricer{sh: c.sh, arch: arch, memMB: max(w.MemoryMB, 128)}
	p.req = c.need("requests", &missing)
	p.dur = c.need("duration-"+arch, &missing)
	p.gb = gbOf(int64(p.memMB))
	p.billed = billedSeconds(w.AvgDuration, time.Millisecond, 0) // 1 ms granularity
	p.gbsPerReq = p.billed.Mul(p.gb)
	if w.EphemeralStorageMB > 512 {
		p.ephMB = w.EphemeralStorageMB
		p.eph = c.need("ephemeral-storage", &missing)
		p.ephPerReq = p.billed.Mul(gbOf(int64(w.EphemeralStorageMB - 512)))
	}
	if w.MinInstances > 0 {
		p.pcEnvs = int64(w.MinInstances)
		p.pc = c.need("provisioned-"+arch, &missing)
		p.pcDur = c.need("provisioned-duration-"+arch, &missing)
		p.pcGBs = decimal.NewFromInt(p.pcEnvs).Mul(p.gb).Mul(c.sh.secs)
		for _, per := range c.sh.periods {
			p.capSecs = append(p.capSecs, decimal.NewFromInt(p.pcEnvs).Mul(per.secs))
		}
	}
	if missing != "" {
		return nil, missing
	}
	return p, ""
}

func (p *lambdaPricer) usages(v decimal.Decimal, out []usage) []usage {
	pcOn := p.pcEnvs > 0
	out = append(out, usage{m: p.req, qty: v, noFree: pcOn})
	gbs := v.Mul(p.gbsPerReq)
	if pcOn {
		// Invocations fit in the provisioned environments up to their capacity in
		// each period; the rest runs on demand. No free tier with PC.
		served := zero
		for i, per := range p.sh.periods {
			busy := v.Mul(per.share).Mul(p.billed)
			served = plus(served, decimal.Min(busy, p.capSecs[i]))
		}
		served = served.Mul(p.gb)
		p.lastServed, p.lastOnDmnd = served, gbs.Sub(served)
		out = append(out, usage{m: p.pc, qty: p.pcGBs, noFree: true}, usage{m: p.pcDur, qty: served, noFree: true})
		if p.lastOnDmnd.Sign() > 0 {
			out = append(out, usage{m: p.dur, qty: p.lastOnDmnd, noFree: true})
		}
	} else {
		out = append(out, usage{m: p.dur, qty: gbs})
	}
	if p.eph != nil {
		out = append(out, usage{m: p.eph, qty: v.Mul(p.ephPerReq)})
	}
	return out
}

func (p *lambdaPricer) explain(v decimal.Decimal, a []string) []string {
	a = append(a, "Memory "+itoa(int64(p.memMB))+" MB = "+num(p.gb, 4)+" GB on "+p.arch+"; each invocation is billed "+
		seconds(p.billed)+" (1 ms granularity), "+num(p.gbsPerReq, 6)+" GB-s.")
	a = append(a, "Lambda serves one request per execution environment, so concurrency does not change the bill; volume tiers apply to this component's GB-s alone.")
	if p.pcEnvs > 0 {
		a = append(a, "Provisioned concurrency of "+itoa(p.pcEnvs)+" environments ("+itoa(p.pcEnvs*int64(p.memMB))+" MB) is on all month; "+
			num(p.lastServed, 0)+" GB-s run on it at the provisioned duration rate and "+num(p.lastOnDmnd, 0)+" GB-s overflow on demand; no free tier applies with provisioned concurrency.")
	}
	if p.eph != nil {
		a = append(a, "Ephemeral storage of "+itoa(int64(p.ephMB))+" MB: the "+itoa(int64(p.ephMB-512))+" MB above the free 512 MB is billed for each invocation's duration.")
	}
	return a
}

// ---- AWS Fargate ----

// fargateSizes are the valid task sizes: vCPU -> memory GB options
// (https://aws.amazon.com/fargate/pricing/, "Supported sizes"; 32 vCPU sizes are
// left out because Fargate's documented task maximum is 16 vCPU / 120 GB).
var fargateSizes = []struct {
	cpu       decimal.Decimal
	memMin    decimal.Decimal
	memMax    decimal.Decimal
	memStep   decimal.Decimal
	memChoice []decimal.Decimal // explicit choices (0.25 vCPU)
}{
	{cpu: decimal.New(25, -2), memChoice: []decimal.Decimal{decimal.New(5, -1), decimal.NewFromInt(1), decimal.NewFromInt(2)}},
	{cpu: decimal.New(5, -1), memMin: decimal.NewFromInt(1), memMax: decimal.NewFromInt(4), memStep: one},
	{cpu: one, memMin: decimal.NewFromInt(2), memMax: decimal.NewFromInt(8), memStep: one},
	{cpu: decimal.NewFromInt(2), memMin: decimal.NewFromInt(4), memMax: decimal.NewFromInt(16), memStep: one},
	{cpu: decimal.NewFromInt(4), memMin: decimal.NewFromInt(8), memMax: decimal.NewFromInt(30), memStep: one},
	{cpu: decimal.NewFromInt(8), memMin: decimal.NewFromInt(16), memMax: decimal.NewFromInt(60), memStep: decimal.NewFromInt(4)},
	{cpu: decimal.NewFromInt(16), memMin: decimal.NewFromInt(32), memMax: decimal.NewFromInt(120), memStep: decimal.NewFromInt(8)},
}

// fargateSize snaps a request to the smallest valid task size that covers it
// (prices rise with both vCPU and memory, so the smallest is the cheapest).
func fargateSize(cpu, memGB decimal.Decimal, minCPU decimal.Decimal) (decimal.Decimal, decimal.Decimal, bool) {
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
	sh                   *shape
	windows              bool
	cpu, mem             decimal.Decimal
	reqCPU, reqMem       decimal.Decimal
	vcpuM, memM, licM    *meter
	ephM                 *meter
	ephExtra             decimal.Decimal
	im                   instanceModel
	job                  bool
	runSecs              decimal.Decimal
	concurrency          int
	lastCounts           []int64
	lastHours            decimal.Decimal
	archNote             string
	minInstances         int64
	requestedEphemeralGB int64
}

func prepFargate(c *calcCtx) (pricer, string) {
	w := c.w
	if w.GPU > 0 {
		return gpuUnpriced(c)
	}
	p := &fargatePricer{sh: c.sh, windows: w.OS == "windows", job: c.sh.job, concurrency: concurrencyOf(w)}
	p.reqCPU = vcpuOf(w, decimal.New(25, -2))
	p.reqMem = memGiB(w, 512)
	minCPU := zero
	if p.windows {
		minCPU = one // Windows tasks need at least 1 vCPU
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
		p.ephExtra = decimal.NewFromInt(gb - 20)
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
		p.im = newInstanceModel(c.sh, p.concurrency, p.minInstances)
	}
	return p, ""
}

// taskTime returns task-hours and task-seconds at volume v.
func (p *fargatePricer) taskTime(v decimal.Decimal) (decimal.Decimal, decimal.Decimal) {
	if p.job {
		secs := v.Mul(p.runSecs)
		return secs.DivRound(secPerHour, 16), secs
	}
	hours, secs := zero, zero
	p.lastCounts = p.lastCounts[:0]
	for i, per := range p.sh.periods {
		n := p.im.at(i, v)
		p.lastCounts = append(p.lastCounts, n)
		nd := decimal.NewFromInt(n)
		hours = plus(hours, nd.Mul(per.hours))
		secs = plus(secs, nd.Mul(per.secs))
	}
	return hours, secs
}

func (p *fargatePricer) usages(v decimal.Decimal, out []usage) []usage {
	hours, secs := p.taskTime(v)
	p.lastHours = hours
	if p.windows {
		cpuSecs := secs.Mul(p.cpu)
		out = append(out, usage{m: p.vcpuM, qty: cpuSecs}, usage{m: p.licM, qty: cpuSecs}, usage{m: p.memM, qty: secs.Mul(p.mem)})
	} else {
		out = append(out, usage{m: p.vcpuM, qty: hours.Mul(p.cpu)}, usage{m: p.memM, qty: hours.Mul(p.mem)})
	}
	if p.ephM != nil {
		out = append(out, usage{m: p.ephM, qty: hours.Mul(p.ephExtra)})
	}
	return out
}

func (p *fargatePricer) explain(v decimal.Decimal, a []string) []string {
	a = append(a, "Task size snapped to a valid Fargate combination: "+num(p.cpu, 2)+" vCPU / "+num(p.mem, 2)+" GB for the "+
		num(p.reqCPU, 2)+" vCPU / "+num(p.reqMem, 3)+" GB asked.")
	if p.job {
		minimum := "1-minute"
		if p.windows {
			minimum = "5-minute"
		}
		a = append(a, "Each run is a task billed per second with a "+minimum+" minimum: "+seconds(p.runSecs)+" per run, "+num(p.lastHours, 2)+" task-hours a month.")
	} else {
		a = append(a, "Tasks needed = ceil(in-flight requests / ("+itoa(int64(p.concurrency))+" concurrency x 70% target utilisation)), at least "+
			plural(p.minInstances, "task")+" (Fargate services do not scale to zero): "+instanceSentence(p.sh, p.lastCounts, "task")+".")
	}
	if p.windows {
		a = append(a, "Windows tasks pay the Windows vCPU, OS licence and memory rates per second.")
	}
	if p.archNote != "" {
		a = append(a, p.archNote)
	}
	if p.ephM != nil {
		a = append(a, "Ephemeral storage: "+itoa(p.requestedEphemeralGB)+" GB per task, of which 20 GB is included.")
	}
	a = append(a, "Fargate has no free tier; load balancer, public IPv4 and data transfer are not included.")
	return a
}
