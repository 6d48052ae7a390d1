package pricing

// Node packing for EKS and AKS. A component runs as pods of (vCPU, memory, GPU)
// on its own node pool; the cheapest listed size that fits wins.

// nodeReservePct is the share of a node's vCPU and memory kept back for the
// kubelet, the OS and daemon sets.
const nodeReservePct = 10

type k8sCandidate struct {
	nt          *nodeType
	podsPerNode int64
}

type k8sPricer struct {
	sh          *shape
	cluster     *meter
	cands       []k8sCandidate
	im          instanceModel
	podCPU      xd
	podMem      xd
	gpu         int
	concurrency int
	fl          fleet
	minPods     int64
	armNote     string
	// last evaluation, for explain
	lastPods  [maxPeriods]int64
	lastNodes [maxPeriods]int64
	lastBest  *k8sCandidate
}

func prepK8s(c *calcCtx, clusterKey string) (pricer, string) {
	w := c.w
	if w.OS == "windows" {
		return nil, "no Windows node prices for " + c.p.Name + " in the bundled table"
	}
	var missing string
	p := c.k8sPricer()
	cands := p.cands[:0]
	*p = k8sPricer{sh: c.sh, gpu: max(0, w.GPU), concurrency: concurrencyOf(w), cands: cands}
	p.cluster = c.need(clusterKey, &missing)
	if missing != "" {
		return nil, missing
	}
	p.podCPU = vcpuOf(w, xNew(1, -1))
	p.podMem = memGiB(w, 128)
	arch := "x86"
	if w.Arch == "arm" {
		arch = "arm"
	}
	nodes := c.rb.nodes[c.p.ID]
	if arch == "arm" && !hasArch(nodes, "arm") {
		// No Arm sizes listed: price the pod on x86 nodes and say so.
		arch = "x86"
		p.armNote = "No Arm node sizes are listed for " + c.p.Name + " in " + c.rb.region + "; priced on x86 nodes (a multi-arch image is assumed)."
	}
	// Integer millicores and MiB keep the fit test exact and cheap.
	podMilli := p.podCPU.Shift(3).Ceil().IntPart()
	podMiB := int64(max(w.MemoryMB, 128))
	if cap(p.cands) < len(nodes) {
		p.cands = make([]k8sCandidate, 0, len(nodes))
	}
	for _, nt := range nodes {
		s := nt.spec
		if s.Burstable || s.Arch != arch || (p.gpu > 0) != (s.GPUs > 0) {
			continue
		}
		ppn := s.milliCPU * (100 - nodeReservePct) / 100 / podMilli
		ppn = min(ppn, s.memMiB*(100-nodeReservePct)/100/podMiB)
		if p.gpu > 0 {
			ppn = min(ppn, int64(s.GPUs/p.gpu))
		}
		if ppn >= 1 {
			p.cands = append(p.cands, k8sCandidate{nt: nt, podsPerNode: ppn})
		}
	}
	if len(p.cands) == 0 {
		what := num(p.podCPU, 2) + " vCPU / " + num(p.podMem, 2) + " GiB"
		if p.gpu > 0 {
			what += " / " + itoa(int64(p.gpu)) + " GPU"
		}
		return nil, "no listed " + arch + " node size in " + c.rb.region + " fits a pod of " + what + " (" + itoa(nodeReservePct) + "% of each node is reserved)"
	}
	if c.sh.job {
		p.concurrency = 1
	}
	p.minPods = int64(max(1, w.MinInstances))
	p.fl = newFleet(c.p.ID, w, p.concurrency, p.podCPU)
	if c.sh.job {
		p.fl = newFleet(c.p.ID, w, 1, zero) // runs are counted, not sized
	}
	p.im = newInstanceModel(c.sh, p.fl.cap, p.minPods)
	return p, ""
}

func hasArch(nodes []*nodeType, arch string) bool {
	for _, nt := range nodes {
		if nt.spec.Arch == arch && !nt.spec.Burstable {
			return true
		}
	}
	return false
}

func (p *k8sPricer) usages(v xd, out []usage) []usage {
	np := p.sh.np
	for i := range np {
		p.lastPods[i] = p.im.at(i, v)
	}
	// The cheapest size: cost = price x node-hours. With one node count all
	// month, node-hours are count x month, so comparing price x count suffices.
	var best *k8sCandidate
	var bestCost xd
	for ci := range p.cands {
		c := &p.cands[ci]
		var cost xd
		if n, same := p.sameNodes(c); same {
			cost = c.nt.m.tiers[0].priceX.Mul(xInt(n)).Mul(p.sh.hoursDec)
		} else {
			nh := zero
			for i := range np {
				pods := p.lastPods[i]
				nh = plus(nh, xInt((pods+c.podsPerNode-1)/c.podsPerNode).Mul(p.sh.pa[i].hours))
			}
			cost = c.nt.m.tiers[0].priceX.Mul(nh)
		}
		if best == nil || cost.LessThan(bestCost) {
			best, bestCost = c, cost
		}
	}
	p.lastBest = best
	nodeHours := zero
	for i := range np {
		nodes := (p.lastPods[i] + best.podsPerNode - 1) / best.podsPerNode
		p.lastNodes[i] = nodes
		nodeHours = plus(nodeHours, xInt(nodes).Mul(p.sh.pa[i].hours))
	}
	return append(out, usage{m: p.cluster, qty: p.sh.hoursDec}, usage{m: best.nt.m, qty: nodeHours})
}

// sameNodes reports whether candidate c needs the same node count in every period.
func (p *k8sPricer) sameNodes(c *k8sCandidate) (int64, bool) {
	n := int64(-1)
	for _, pods := range p.lastPods[:p.sh.np] {
		k := (pods + c.podsPerNode - 1) / c.podsPerNode
		if n >= 0 && k != n {
			return 0, false
		}
		n = k
	}
	return n, true
}

func (p *k8sPricer) explain(v xd, a []string, tb *text) []string {
	b := p.lastBest
	np := p.sh.np
	p.fl.sentence(tb.s("Pods needed = "), "pod").s(", at least ").
		plural(p.minPods, "pod").s(" always running: ")
	same := np == 1 || (p.lastPods[0] == p.lastPods[1] && p.lastNodes[0] == p.lastNodes[1])
	for i := range np {
		if i > 0 {
			if same {
				break
			}
			tb.s("; ")
		}
		tb.plural(p.lastPods[i], "pod").s(" of ").n(p.podCPU, 3).s(" vCPU/").n(p.podMem, 3).s(" GiB")
		if p.gpu > 0 {
			tb.s("/").i(int64(p.gpu)).s(" GPU")
		}
		tb.s(" on ").i(p.lastNodes[i]).s(" x ").s(b.nt.name).s(" (").s(b.nt.spec.Arch).s(")")
		switch {
		case same:
			tb.s(" all month")
		case i == 0:
			tb.s(" for ").n(p.sh.pa[0].hours, 1).s(" peak hours")
		default:
			tb.s(" for the other ").n(p.sh.pa[1].hours, 1).s(" hours")
		}
	}
	a = append(a, tb.s(", packing ").i(b.podsPerNode).s(" pods per node.").String())
	a = append(a, "The node size is the cheapest listed on-demand size that fits the pods after reserving 10% of each node for the system; burstable sizes are not used; the component gets its own node pool.")
	if p.sh.hours == 730 {
		a = append(a, "The cluster fee (730 cluster-hours) is charged in full to this component here; architecture totals charge it once per cloud.")
	} else {
		a = append(a, tb.s("The cluster fee (").n(p.sh.hoursDec, 0).s(" cluster-hours) is charged in full to this component here; architecture totals charge it once per cloud.").String())
	}
	if p.armNote != "" {
		a = append(a, p.armNote)
	}
	return a
}
