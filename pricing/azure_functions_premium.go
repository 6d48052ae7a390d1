package pricing

// The azure-functions-premium calculator: Elastic Premium plan sizes and instance counts.

func init() {
	preparers["azure-functions-premium"] = prepPremium
}

// premiumSizes are the Elastic Premium plans (vCPU, memory GB).
var premiumSizes = []struct {
	name string
	cpu  dec
	mem  dec
}{
	{"EP1", xOne, decNew(35, -1)},
	{"EP2", decInt(2), decInt(7)},
	{"EP3", decInt(4), decInt(14)},
}

type premiumPricer struct {
	instanceVol[dec]
	f           instanceVol[flt] // for the break-even search
	fok         bool
	sh          *shape
	size        int
	perInstance int64
	fl          fleet
	minInst     int64
}

func prepPremium(c *calcCtx) (pricer, string) {
	w := c.w
	if w.GPU > 0 {
		return gpuUnpriced(c)
	}
	cpu := vcpuOf(w, zero)
	mem := memGiB(w, 0)
	p := slot(c, func(s *calcStore) *premiumPricer { return &s.premium })
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
		byMem = premiumSizes[p.size].mem.Mul(decInt(1024)).Div(decInt(int64(w.MemoryMB))).Floor().IntPart()
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
	p.per, p.cpu, p.mem = &c.sh.pd, premiumSizes[p.size].cpu, premiumSizes[p.size].mem
	return p, ""
}

func (p *premiumPricer) usages(v dec, out []usage) []usage        { return p.uses(v, out) }
func (p *premiumPricer) usagesF(v flt, out []use[flt]) []use[flt] { return p.fvol().uses(v, out) }

func (p *premiumPricer) explain(v dec, a []string, tb *text) []string {
	s := &premiumSizes[p.size]
	a = append(a, tb.s("Plan ").s(s.name).s(" (").n(s.cpu, 0).s(" vCPU, ").n(s.mem, 1).s(" GB), the smallest that fits the workload; an instance runs up to ").
		i(p.perInstance).s(" executions at once (its memory or the workload's concurrency, whichever is more).").String())
	a = append(a, p.fl.sentence(tb.s("Instances = "), "instance").s(", at least ").plural(p.minInst, "instance").
		s(" always on (Premium does not scale to zero): ").instances(p.sh, p.lastCounts[:p.sh.np], "instance").s("; no free grant.").String())
	return a
}

// stairs: instance counts times fixed prices (see stairPricer).
func (p *premiumPricer) stairs() bool { return true }

// fvol returns the float64 usage state, built on first use: only the
// break-even search needs it.
func (p *premiumPricer) fvol() *instanceVol[flt] {
	if !p.fok {
		p.f, p.fok = fltInstanceVol(&p.instanceVol, p.sh.fltPeriods()), true
	}
	return &p.f
}
