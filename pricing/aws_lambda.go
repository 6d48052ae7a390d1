package pricing

import "time"

// The aws-lambda calculator: requests and GB-seconds, provisioned concurrency, ephemeral storage.

func init() {
	preparers["aws-lambda"] = prepLambda
}

type lambdaPricer struct {
	sh                     *shape
	req, dur, eph          *meter
	pc, pcDur              *meter
	gb, billed             xd
	gbsPerReq, ephPerReq   xd
	memMB, ephMB           int
	pcEnvs                 int64
	pcGBs                  xd
	capSecs                [maxPeriods]xd // provisioned capacity per period: envs x seconds
	shareBilled            [maxPeriods]xd // share x billed, per period
	arch                   string
	lastServed, lastOnDmnd xd
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
	p := c.lambdaPricer()
	*p = lambdaPricer{sh: c.sh, arch: arch, memMB: max(w.MemoryMB, 128)}
	p.req = c.need("requests", &missing)
	if arch == "arm" {
		p.dur = c.need("duration-arm", &missing)
	} else {
		p.dur = c.need("duration-x86", &missing)
	}
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
		p.pcGBs = xInt(p.pcEnvs).Mul(p.gb).Mul(c.sh.secs)
		for i, per := range c.sh.periods() {
			p.capSecs[i] = xInt(p.pcEnvs).Mul(per.secs)
			p.shareBilled[i] = per.share.Mul(p.billed)
		}
	}
	if missing != "" {
		return nil, missing
	}
	return p, ""
}

func (p *lambdaPricer) usages(v xd, out []usage) []usage {
	pcOn := p.pcEnvs > 0
	out = append(out, usage{m: p.req, qty: v, noFree: pcOn})
	gbs := v.Mul(p.gbsPerReq)
	if pcOn {
		// Invocations fit in the provisioned environments up to their capacity in
		// each period; the rest runs on demand. No free tier with PC.
		served := zero
		for i := range p.sh.np {
			busy := v.Mul(p.shareBilled[i]) // v x share x billed
			served = plus(served, xMin(busy, p.capSecs[i]))
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

func (p *lambdaPricer) explain(v xd, a []string, tb *text) []string {
	a = append(a, tb.s("Memory ").i(int64(p.memMB)).s(" MB = ").n(p.gb, 4).s(" GB on ").s(p.arch).s("; each invocation is billed ").
		secs(p.billed).s(" (1 ms granularity), ").n(p.gbsPerReq, 6).s(" GB-s.").String())
	a = append(a, "Lambda serves one request per execution environment, so concurrency does not change the bill; volume tiers apply to this component's GB-s alone.")
	if p.pcEnvs > 0 {
		a = append(a, tb.s("Provisioned concurrency of ").i(p.pcEnvs).s(" environments (").i(p.pcEnvs*int64(p.memMB)).s(" MB) is on all month; ").
			n(p.lastServed, 0).s(" GB-s run on it at the provisioned duration rate and ").n(p.lastOnDmnd, 0).s(" GB-s overflow on demand; no free tier applies with provisioned concurrency.").String())
	}
	if p.eph != nil {
		a = append(a, tb.s("Ephemeral storage of ").i(int64(p.ephMB)).s(" MB: the ").i(int64(p.ephMB-512)).s(" MB above the free 512 MB is billed for each invocation's duration.").String())
	}
	return a
}
