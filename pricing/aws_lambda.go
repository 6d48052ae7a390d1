package pricing

import (
	"time"
)

// The aws-lambda calculator: requests and GB-seconds, provisioned concurrency, ephemeral storage.

func init() {
	preparers["aws-lambda"] = prepLambda
}

type lambdaPricer struct {
	lambdaVol[dec]
	f            lambdaVol[flt] // for the break-even search
	fok          bool
	sh           *shape
	billed       dec
	memMB, ephMB int
	arch         string
}

// lambdaVol is what the usages at a volume depend on.
type lambdaVol[N number[N]] struct {
	np                     int
	req, dur, eph          *meter
	pc, pcDur              *meter
	gb                     N
	gbsPerReq, ephPerReq   N
	pcEnvs                 int64
	pcGBs                  N
	capSecs                [maxPeriods]N // provisioned capacity per period: envs x seconds
	shareBilled            [maxPeriods]N // share x billed, per period
	lastServed, lastOnDmnd N
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
	p := slot(c, func(s *calcStore) *lambdaPricer { return &s.lambda })
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
		p.pcGBs = decInt(p.pcEnvs).Mul(p.gb).Mul(c.sh.secs)
		for i, per := range c.sh.periods() {
			p.capSecs[i] = decInt(p.pcEnvs).Mul(per.secs)
			p.shareBilled[i] = per.share.Mul(p.billed)
		}
	}
	if missing != "" {
		return nil, missing
	}
	p.np = c.sh.np
	return p, ""
}

func (p *lambdaPricer) usages(v dec, out []usage) []usage        { return p.uses(v, out) }
func (p *lambdaPricer) usagesF(v flt, out []use[flt]) []use[flt] { return p.fvol().uses(v, out) }

func (p *lambdaVol[N]) uses(v N, out []use[N]) []use[N] {
	pcOn := p.pcEnvs > 0
	out = append(out, use[N]{m: p.req, qty: v, noFree: pcOn})
	gbs := v.Mul(p.gbsPerReq)
	if pcOn {
		// Invocations fit in the provisioned environments up to their capacity in
		// each period; the rest runs on demand. No free tier with PC.
		var served N
		for i := range p.np {
			busy := v.Mul(p.shareBilled[i]) // v x share x billed
			served = nplus(served, nmin(busy, p.capSecs[i]))
		}
		served = served.Mul(p.gb)
		p.lastServed, p.lastOnDmnd = served, gbs.Sub(served)
		out = append(out, use[N]{m: p.pc, qty: p.pcGBs, noFree: true}, use[N]{m: p.pcDur, qty: served, noFree: true})
		if p.lastOnDmnd.Sign() > 0 {
			out = append(out, use[N]{m: p.dur, qty: p.lastOnDmnd, noFree: true})
		}
	} else {
		out = append(out, use[N]{m: p.dur, qty: gbs})
	}
	if p.eph != nil {
		out = append(out, use[N]{m: p.eph, qty: v.Mul(p.ephPerReq)})
	}
	return out
}

func (p *lambdaPricer) explain(v dec, a []string, tb *text) []string {
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

// fvol returns the float64 usage state, built on first use: only the
// break-even search needs it.
func (p *lambdaPricer) fvol() *lambdaVol[flt] {
	if !p.fok {
		q := &p.lambdaVol
		p.f, p.fok = lambdaVol[flt]{np: q.np, req: q.req, dur: q.dur, eph: q.eph, pc: q.pc, pcDur: q.pcDur, gb: toFlt(q.gb),
			gbsPerReq: toFlt(q.gbsPerReq), ephPerReq: toFlt(q.ephPerReq), pcEnvs: q.pcEnvs, pcGBs: toFlt(q.pcGBs),
			capSecs: toFlts(q.capSecs), shareBilled: toFlts(q.shareBilled)}, true
	}
	return &p.f
}
