package pricing

import (
	"math"
)

// Node packing for EKS and AKS. A component runs as pods of (vCPU, memory, GPU)
// on its own node pool of at least MinNodes nodes; the cheapest listed size that
// fits wins. Pods fit into a node's allocatable capacity: what is left after
// kube-reserved, the eviction threshold and the DaemonSets (node_overhead in the
// cloud's price table, worked out per size at load).

// One calculator serves aws-eks and azure-aks.
func init() {
	preparers["aws-eks"] = func(c *calcCtx) (pricer, string) { return prepK8s(c, "cluster") }
	preparers["azure-aks"] = func(c *calcCtx) (pricer, string) { return prepK8s(c, "cluster") }
}

// DefaultMinNodes is the node floor of a production node pool when
// Workload.MinNodes is zero: two nodes, so one node's failure or upgrade
// leaves the pool serving.
const DefaultMinNodes = 2

type k8sCandidate struct {
	nt          *nodeType
	podsPerNode int64
}

type k8sPricer struct {
	k8sVol[dec]
	f           k8sVol[flt] // for the break-even search
	fok         bool
	sh          *shape
	dom         []bool // scratch for pruneDominated
	podCPU      dec
	podMem      dec
	gpu         int
	concurrency int
	fl          fleet
	minPods     int64
	armNote     string
	tierNote    string
}

// k8sVol is what the usages at a volume depend on: the cluster fee and the
// node-hours of the cheapest node size for the pods needed.
type k8sVol[N number[N]] struct {
	per      *periodsOf[N]
	cluster  *meter
	cands    []k8sCandidate
	im       instanceModelOf[N]
	minNodes int64
	// hours per period and month in float64, to rule out clearly dearer sizes
	hoursF      [maxPeriods]float64
	monthHoursF float64
	// last evaluation, for explain
	lastPods  [maxPeriods]int64
	lastNodes [maxPeriods]int64
	lastBest  *k8sCandidate
}

func prepK8s(c *calcCtx, clusterKey string) (pricer, string) {
	w := c.w
	var missing string
	p := slot(c, func(s *calcStore) *k8sPricer { return &s.k8s[min(1, cloudIndex(c.p.Cloud))] })
	cands, dom := p.cands[:0], p.dom
	*p = k8sPricer{sh: c.sh, gpu: max(0, w.GPU), concurrency: concurrencyOf(w), dom: dom}
	p.cands, p.per = cands, &c.sh.pd
	if c.p.ID == "azure-aks" && c.s.AKSTier == AKSFree {
		// The Free tier has no control-plane fee (and no uptime SLA).
		p.tierNote = "AKS Free tier: no cluster fee and no uptime SLA (assumptions.aks_tier: free)."
	} else {
		p.cluster = c.need(clusterKey, &missing)
	}
	if missing != "" {
		return nil, missing
	}
	p.podCPU = vcpuOf(w, decNew(1, -1))
	p.podMem = memGiB(w, 128)
	os := "linux"
	if w.OS == "windows" {
		os = "windows"
	}
	arch := "x86"
	if w.Arch == "arm" {
		arch = "arm"
	}
	nodes := c.rb.nodes[c.p.ID]
	if arch == "arm" && !hasArch(nodes, "arm", os) {
		// No Arm sizes listed: price the pod on x86 nodes and say so.
		arch = "x86"
		p.armNote = "No Arm " + osName(os) + " node sizes are listed for " + c.p.Name + " in " + c.rb.region + "; priced on x86 nodes (a multi-arch image is assumed)."
	}
	// Integer millicores and MiB keep the fit test exact and cheap.
	podMilli := p.podCPU.Shift(3).Ceil().IntPart()
	podMiB := int64(max(w.MemoryMB, 128))
	if cap(p.cands) < len(nodes) {
		p.cands = make([]k8sCandidate, 0, len(nodes))
	}
	for _, nt := range nodes {
		s := nt.spec
		if s.Burstable || s.Arch != arch || s.OS != os || (p.gpu > 0) != (s.GPUs > 0) || s.allocMilli <= 0 || s.allocMiB <= 0 {
			continue
		}
		ppn := s.allocMilli / podMilli
		ppn = min(ppn, s.allocMiB/podMiB)
		if s.MaxPods > 0 {
			ppn = min(ppn, int64(s.MaxPods))
		}
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
		return nil, "no listed " + arch + " " + osName(os) + " node size in " + c.rb.region + " fits a pod of " + what + " (after kube-reserved, the eviction threshold and DaemonSets)"
	}
	p.cands, p.dom = pruneDominated(p.cands, p.dom)
	if c.sh.job {
		p.concurrency = 1
	}
	p.minPods = int64(max(1, w.MinInstances))
	p.fl = newFleet(c.p.ID, w, p.concurrency, p.podCPU)
	if c.sh.job {
		p.fl = newFleet(c.p.ID, w, 1, zero) // runs are counted, not sized
	}
	p.minNodes = int64(w.MinNodes)
	if p.minNodes <= 0 {
		p.minNodes = DefaultMinNodes
	}
	p.im = newInstanceModel(c.sh, p.fl.cap, p.minPods)
	pf := c.sh.fltPeriods()
	for i := range pf.np {
		p.hoursF[i] = float64(pf.hours[i])
	}
	p.monthHoursF = float64(pf.monthHours)
	return p, ""
}

// pruneDominated drops the sizes that can never be chosen, so each evaluation
// compares a handful instead of the whole catalogue: b goes when some a costs
// less per node and packs at least as many pods (a is then strictly cheaper at
// every pod count), or costs the same, packs at least as many and comes first
// (a wins every tie). The choice is unchanged. dom is scratch space.
func pruneDominated(cands []k8sCandidate, dom []bool) ([]k8sCandidate, []bool) {
	dom = append(dom[:0], make([]bool, len(cands))...)
	for j, b := range cands {
		pb := &b.nt.m.tiers[0]
		for i, a := range cands {
			if i == j || a.podsPerNode < b.podsPerNode {
				continue
			}
			pa := &a.nt.m.tiers[0]
			if priceLess(pa, pb) || (i < j && !priceLess(pb, pa)) {
				dom[j] = true
				break
			}
		}
	}
	out := cands[:0]
	for j, b := range cands {
		if !dom[j] {
			out = append(out, b) // len(out) <= j: reads stay ahead of writes
		}
	}
	return out, dom
}

// priceLess reports whether tier a's price is below b's: by the float64
// prices when they are clearly apart, else exactly.
func priceLess(a, b *tier) bool {
	fa, fb := float64(a.priceF), float64(b.priceF)
	if math.Abs(fa-fb) > 1e-12*max(math.Abs(fa), math.Abs(fb)) {
		return fa < fb
	}
	return a.priceX.LessThan(b.priceX)
}

func osName(os string) string {
	if os == "windows" {
		return "Windows"
	}
	return "Linux"
}

func hasArch(nodes []*nodeType, arch, os string) bool {
	for _, nt := range nodes {
		if nt.spec.Arch == arch && nt.spec.OS == os && !nt.spec.Burstable {
			return true
		}
	}
	return false
}

func (p *k8sPricer) usages(v dec, out []usage) []usage        { return p.uses(v, out) }
func (p *k8sPricer) usagesF(v flt, out []use[flt]) []use[flt] { return p.fvol().uses(v, out) }

func (p *k8sVol[N]) uses(v N, out []use[N]) []use[N] {
	np := p.per.np
	fromInt := kitOf[N]().fromInt
	for i := range np {
		p.lastPods[i] = p.im.at(i, v)
	}
	// The cheapest size: cost = price x node-hours. With one node count all
	// month, node-hours are count x month, so comparing price x count suffices.
	var best *k8sCandidate
	var bestCost N
	// Float64 estimates first: a size dearer than the cheapest estimate by more
	// than float64 error cannot be the cheapest, so only the others are
	// compared exactly (the first of equal costs wins, as before).
	var est [16]float64
	limit := math.Inf(1)
	if len(p.cands) <= len(est) {
		fmin := math.Inf(1)
		for ci := range p.cands {
			est[ci] = p.estimate(&p.cands[ci])
			fmin = min(fmin, est[ci])
		}
		limit = fmin + nearTie*fmin + farSlack
	}
	for ci := range p.cands {
		c := &p.cands[ci]
		if ci < len(est) && est[ci] > limit {
			continue
		}
		var cost N
		_, price := kitOf[N]().tier(&c.nt.m.tiers[0])
		if n, same := p.sameNodes(c); same {
			cost = price.Mul(fromInt(n)).Mul(p.per.monthHours)
		} else {
			var nh N
			for i := range np {
				pods := p.lastPods[i]
				nh = nplus(nh, fromInt(p.nodesFor(pods, c)).Mul(p.per.hours[i]))
			}
			cost = price.Mul(nh)
		}
		if best == nil || cost.LessThan(bestCost) {
			best, bestCost = c, cost
		}
	}
	p.lastBest = best
	var nodeHours N
	for i := range np {
		nodes := p.nodesFor(p.lastPods[i], best)
		p.lastNodes[i] = nodes
		nodeHours = nplus(nodeHours, fromInt(nodes).Mul(p.per.hours[i]))
	}
	if p.cluster != nil {
		out = append(out, use[N]{m: p.cluster, qty: p.per.monthHours})
	}
	return append(out, use[N]{m: best.nt.m, qty: nodeHours})
}

// estimate is candidate c's node cost at the last pod counts, in float64.
func (p *k8sVol[N]) estimate(c *k8sCandidate) float64 {
	price := float64(c.nt.m.tiers[0].priceF)
	if n, same := p.sameNodes(c); same {
		return price * float64(n) * p.monthHoursF
	}
	nh := 0.0
	for i := range p.per.np {
		nh += float64(p.nodesFor(p.lastPods[i], c)) * p.hoursF[i]
	}
	return price * nh
}

// nodesFor is the pool size that holds pods on candidate c: at least minNodes.
func (p *k8sVol[N]) nodesFor(pods int64, c *k8sCandidate) int64 {
	return max(p.minNodes, (pods+c.podsPerNode-1)/c.podsPerNode)
}

// sameNodes reports whether candidate c needs the same node count in every period.
func (p *k8sVol[N]) sameNodes(c *k8sCandidate) (int64, bool) {
	n := int64(-1)
	for _, pods := range p.lastPods[:p.per.np] {
		k := p.nodesFor(pods, c)
		if n >= 0 && k != n {
			return 0, false
		}
		n = k
	}
	return n, true
}

func (p *k8sPricer) explain(v dec, a []string, tb *text) []string {
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
		tb.s(" on ").i(p.lastNodes[i]).s(" x ").s(b.nt.name).s(" (").s(b.nt.spec.Arch)
		if b.nt.spec.OS == "windows" {
			tb.s(", Windows")
		}
		tb.s(")")
		switch {
		case same:
			tb.s(" all month")
		case i == 0:
			tb.s(" for ").n(p.sh.pa[0].hours, 1).s(" peak hours")
		default:
			tb.s(" for the other ").n(p.sh.pa[1].hours, 1).s(" hours")
		}
	}
	a = append(a, tb.s(", packing ").plural(b.podsPerNode, "pod").s(" per node.").String())
	s := b.nt.spec
	a = append(a, tb.s("Each ").s(b.nt.name).s(" keeps back ").i(s.reservedMilli+s.dsMilli).s(" m vCPU (kube-reserved ").i(s.reservedMilli).
		s(" m, DaemonSets ").i(s.dsMilli).s(" m) and ").i(s.reservedMiB+s.evictionMiB+s.dsMiB).s(" MiB (kube-reserved ").i(s.reservedMiB).
		s(" MiB, eviction threshold ").i(s.evictionMiB).s(" MiB, DaemonSets ").i(s.dsMiB).s(" MiB), leaving ").i(s.allocMilli).s(" m vCPU and ").
		i(s.allocMiB).s(" MiB for pods.").String())
	a = append(a, tb.s("The node size is the cheapest listed on-demand size that fits the pods; burstable sizes are not used; the component gets its own node pool of at least ").
		plural(p.minNodes, "node").s(" (execution.min_nodes).").String())
	if p.tierNote != "" {
		a = append(a, p.tierNote)
	} else if p.sh.hours == 730 {
		a = append(a, "The cluster fee (730 cluster-hours) is charged in full to this component here; architecture totals charge it once per cloud.")
	} else {
		a = append(a, tb.s("The cluster fee (").n(p.sh.hoursDec, 0).s(" cluster-hours) is charged in full to this component here; architecture totals charge it once per cloud.").String())
	}
	if p.armNote != "" {
		a = append(a, p.armNote)
	}
	return a
}

// stairs: node counts times fixed prices (see stairPricer).
func (p *k8sPricer) stairs() bool { return true }

// fvol returns the float64 usage state, built on first use: only the
// break-even search needs it.
func (p *k8sPricer) fvol() *k8sVol[flt] {
	if !p.fok {
		p.f, p.fok = k8sVol[flt]{per: p.sh.fltPeriods(), cluster: p.cluster, cands: p.cands, im: fltInstances(&p.im), minNodes: p.minNodes,
			hoursF: p.hoursF, monthHoursF: p.monthHoursF}, true
	}
	return &p.f
}
