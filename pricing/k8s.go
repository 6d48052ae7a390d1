package pricing

import (
	"github.com/shopspring/decimal"
)

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
	podCPU      decimal.Decimal
	podMem      decimal.Decimal
	gpu         int
	concurrency int
	minPods     int64
	armNote     string
	// last evaluation, for explain
	lastPods  []int64
	lastNodes []int64
	lastBest  *k8sCandidate
}

func prepK8s(c *calcCtx, clusterKey string) (pricer, string) {
	w := c.w
	if w.OS == "windows" {
		return nil, "no Windows node prices for " + c.p.Name + " in the bundled table"
	}
	var missing string
	p := &k8sPricer{sh: c.sh, gpu: max(0, w.GPU), concurrency: concurrencyOf(w)}
	p.cluster = c.need(clusterKey, &missing)
	if missing != "" {
		return nil, missing
	}
	p.podCPU = vcpuOf(w, decimal.New(1, -1))
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
	p.im = newInstanceModel(c.sh, p.concurrency, p.minPods)
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

func (p *k8sPricer) usages(v decimal.Decimal, out []usage) []usage {
	p.lastPods = p.lastPods[:0]
	for i := range p.sh.periods {
		p.lastPods = append(p.lastPods, p.im.at(i, v))
	}
	// The cheapest size: cost = price x node-hours. With one node count all
	// month, node-hours are count x month, so comparing price x count suffices.
	var best *k8sCandidate
	var bestCost decimal.Decimal
	for ci := range p.cands {
		c := &p.cands[ci]
		var cost decimal.Decimal
		if n, same := p.sameNodes(c); same {
			cost = c.nt.m.tiers[0].price.Mul(decimal.NewFromInt(n)).Mul(p.sh.hoursDec)
		} else {
			nh := zero
			for i, pods := range p.lastPods {
				nh = plus(nh, decimal.NewFromInt((pods+c.podsPerNode-1)/c.podsPerNode).Mul(p.sh.periods[i].hours))
			}
			cost = c.nt.m.tiers[0].price.Mul(nh)
		}
		if best == nil || cost.LessThan(bestCost) {
			best, bestCost = c, cost
		}
	}
	p.lastBest = best
	p.lastNodes = p.lastNodes[:0]
	nodeHours := zero
	for i, pods := range p.lastPods {
		nodes := (pods + best.podsPerNode - 1) / best.podsPerNode
		p.lastNodes = append(p.lastNodes, nodes)
		nodeHours = plus(nodeHours, decimal.NewFromInt(nodes).Mul(p.sh.periods[i].hours))
	}
	return append(out, usage{m: p.cluster, qty: p.sh.hoursDec}, usage{m: best.nt.m, qty: nodeHours})
}

// sameNodes reports whether candidate c needs the same node count in every period.
func (p *k8sPricer) sameNodes(c *k8sCandidate) (int64, bool) {
	n := int64(-1)
	for _, pods := range p.lastPods {
		k := (pods + c.podsPerNode - 1) / c.podsPerNode
		if n >= 0 && k != n {
			return 0, false
		}
		n = k
	}
	return n, true
}

func (p *k8sPricer) explain(v decimal.Decimal, a []string) []string {
	b := p.lastBest
	pod := num(p.podCPU, 3) + " vCPU/" + num(p.podMem, 3) + " GiB"
	if p.gpu > 0 {
		pod += "/" + itoa(int64(p.gpu)) + " GPU"
	}
	s := "Pods needed = ceil(in-flight requests / (" + itoa(int64(p.concurrency)) + " concurrency x 70% target utilisation)), at least " +
		plural(p.minPods, "pod") + " always running: "
	same := len(p.lastPods) == 1 || (p.lastPods[0] == p.lastPods[1] && p.lastNodes[0] == p.lastNodes[1])
	for i := range p.lastPods {
		if i > 0 {
			if same {
				break
			}
			s += "; "
		}
		s += plural(p.lastPods[i], "pod") + " of " + pod + " on " + itoa(p.lastNodes[i]) + " x " + b.nt.name + " (" + b.nt.spec.Arch + ")"
		switch {
		case same:
			s += " all month"
		case i == 0:
			s += " for " + num(p.sh.periods[0].hours, 1) + " peak hours"
		default:
			s += " for the other " + num(p.sh.periods[1].hours, 1) + " hours"
		}
	}
	a = append(a, s+", packing "+itoa(b.podsPerNode)+" pods per node.")
	a = append(a, "The node size is the cheapest listed on-demand size that fits the pods after reserving "+itoa(nodeReservePct)+
		"% of each node for the system; burstable sizes are not used; the component gets its own node pool.")
	a = append(a, "The cluster fee ("+num(p.sh.hoursDec, 0)+" cluster-hours) is charged in full to this component here; architecture totals charge it once per cloud.")
	if p.armNote != "" {
		a = append(a, p.armNote)
	}
	return a
}
