package pricing

// The azure-functions-premium calculator: Elastic Premium plan sizes and instance counts.

func init() {
	preparers["azure-functions-premium"] = prepPremium
}

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

// stairs: instance counts times fixed prices (see stairPricer).
func (p *premiumPricer) stairs() bool { return true }
