package pricing

import (
	"strings"
	"testing"
)

// Node sizes, overhead and pool rules of EKS and AKS, computed by hand from the
// tables' unit prices. One pod (1,000 requests a month) unless the case says
// otherwise; a month is 730 h; cluster fee 730 x 0.10 = 73.00.
//
// Overhead (node_overhead): kube-reserved CPU 6% of the first core, 1% of the
// second, 0.5% of the next two, 0.25% above four: 2 vCPU 70 m, 4 vCPU 80 m,
// 8 vCPU 90 m, 16 vCPU 110 m, 48 vCPU 190 m, 64 vCPU 230 m; DaemonSets 225 m and
// 200 MiB; eviction 100 MiB. Memory: EKS 11 MiB x max pods + 255 MiB; AKS 25% of
// the first 4 GiB, 20% of the next 4, 10% of the next 8, 6% of the next 112, 2% above.
func TestNodeSizes(t *testing.T) {
	b := mustLoad(t)
	cases := []struct {
		name, platform string
		w              wl
		s              Settings
		total          string
		lines          []string
		contains       string
	}{
		{name: "6 vCPU / 24 GiB pod on EKS", platform: "aws-eks",
			// m7i.2xlarge (8 vCPU, 32 GiB, 58 pods): 8,000 - 90 - 225 = 7,685 m; 32,768 - (11 x 58 + 255 = 893)
			// - 100 - 200 = 31,575 MiB >= 24,576: one pod. Cheaper fits: none (c7i.2xlarge has 15,191 MiB,
			// r7i.2xlarge 0.5292, c7i.4xlarge 0.714). 2 nodes: 1,460 h x 0.4032 = 588.672 -> 588.67
			w: wl{vcpu: "6", mem: 24576}, total: "661.67", lines: []string{"73.00", "588.67"}, contains: "on 2 x m7i.2xlarge (x86)"},
		{name: "6 vCPU / 24 GiB pod on AKS", platform: "azure-aks",
			// D8as_v5 (8 vCPU, 32 GiB): 7,685 m; 32 GiB keeps 2.6 + 0.06 x 16 = 3.56 GiB = 3,645.44 -> 3,646 MiB,
			// so 32,768 - 3,646 - 300 = 28,822 MiB: one pod, 0.344 < D8s_v5 0.384 < E8s_v5 0.504.
			// 2 nodes: 1,460 x 0.344 = 502.24
			w: wl{vcpu: "6", mem: 24576}, total: "575.24", lines: []string{"73.00", "502.24"}, contains: "on 2 x Standard_D8as_v5 (x86)"},
		{name: "32 GiB pod lands on a memory-optimised EKS size", platform: "aws-eks",
			// 2 vCPU / 32,768 MiB: the 32 GiB sizes leave 31,575 (m7i.2xlarge), 31,575 (r7i.xlarge),
			// 29,639 (c7i.4xlarge) MiB - too little. r7i.2xlarge (64 GiB) leaves 65,536 - 893 - 300 = 64,343:
			// 0.5292 < m7i.4xlarge 0.8064. 2 nodes: 1,460 x 0.5292 = 772.632 -> 772.63
			w: wl{vcpu: "2", mem: 32768}, total: "845.63", lines: []string{"73.00", "772.63"}, contains: "on 2 x r7i.2xlarge (x86)"},
		{name: "32 GiB pod lands on a memory-optimised AKS size", platform: "azure-aks",
			// E4s_v5 (32 GiB) leaves 28,822 MiB; E8s_v5 (64 GiB) keeps 2.6 + 0.06 x 48 = 5.48 GiB = 5,611.52
			// -> 5,612 MiB: 65,536 - 5,612 - 300 = 59,624: 0.504 < D16as_v5 0.688. 1,460 x 0.504 = 735.84
			w: wl{vcpu: "2", mem: 32768}, total: "808.84", lines: []string{"73.00", "735.84"}, contains: "on 2 x Standard_E8s_v5 (x86)"},
		{name: "4-GPU pod on a 4-GPU EKS node", platform: "aws-eks",
			// 16 vCPU / 64 GiB / 4 GPU: g5.12xlarge (48 vCPU, 192 GiB, 737 pods): 48,000 - 190 - 225 = 47,585 m;
			// 196,608 - (11 x 737 + 255 = 8,362) - 300 = 187,946 MiB; 4 GPUs: one pod. g5.xlarge has 1 GPU;
			// g5.48xlarge costs 16.288. min_nodes 1: 730 x 5.672 = 4,140.56
			w: wl{vcpu: "16", mem: 65536, gpu: 4, nodes: 1}, total: "4213.56", lines: []string{"73.00", "4140.56"}, contains: "on 1 x g5.12xlarge (x86)"},
		{name: "4-GPU pod on a 4-GPU AKS node", platform: "azure-aks",
			// NC64as_T4_v3 (64 vCPU, 440 GiB, 4 x T4): 64,000 - 230 - 225 = 63,545 m; 440 GiB keeps
			// 9.32 + 0.02 x 312 = 15.56 GiB = 15,933.44 -> 15,934 MiB; 4 GPUs: one pod; 4.352 < NC96ads_A100_v4
			// 14.6964. min_nodes 1: 730 x 4.352 = 3,176.96
			w: wl{vcpu: "16", mem: 65536, gpu: 4, nodes: 1}, total: "3249.96", lines: []string{"73.00", "3176.96"}, contains: "on 1 x Standard_NC64as_T4_v3 (x86)"},
		{name: "Windows pod on a Windows EKS node", platform: "aws-eks",
			// 1 vCPU / 2 GiB: c7i.large Windows = 0.08925 + 2 x 0.046 = 0.18125 < m6i.large Windows 0.188;
			// 2 nodes: 1,460 x 0.18125 = 264.625 -> 264.63
			w: wl{vcpu: "1", mem: 2048, os: "windows"}, total: "337.63", lines: []string{"73.00", "264.63"}, contains: "on 2 x c7i.large (x86, Windows)"},
		{name: "Windows pod on a Windows AKS node", platform: "azure-aks",
			// D2s_v5 Windows (estimate) = 0.096 + 2 x 0.046 = 0.188; 8 GiB leaves 8,192 - 1,844 - 300 MiB.
			// 2 nodes: 1,460 x 0.188 = 274.48
			w: wl{vcpu: "1", mem: 2048, os: "windows"}, total: "347.48", lines: []string{"73.00", "274.48"}, contains: "on 2 x Standard_D2s_v5 (x86, Windows)"},
		{name: "GPU pod on EKS in eu-west-1", platform: "aws-eks", s: Settings{Regions: map[string]string{"aws": "eu-west-1"}},
			// 2 vCPU / 8 GiB / 1 GPU on g5.xlarge (as in us-east-1); min_nodes 1: 730 x 1.123 = 819.79;
			// fee 730 x 0.10 = 73.00 (estimate)
			w: wl{vcpu: "2", mem: 8192, gpu: 1, nodes: 1}, total: "892.79", lines: []string{"73.00", "819.79"}, contains: "on 1 x g5.xlarge (x86)"},
		{name: "a 3-node minimum", platform: "aws-eks",
			// c7i.large x 3 x 730 = 2,190 x 0.08925 = 195.4575 -> 195.46
			w: wl{vcpu: "1", mem: 2048, nodes: 3}, total: "268.46", lines: []string{"73.00", "195.46"}, contains: "at least 3 nodes"},
		{name: "pods beyond the minimum add nodes", platform: "aws-eks",
			// 30 req/s x 0.5 s / 7 -> 3 pods of 1 vCPU / 2 GiB; c7i.large holds 1: 3 nodes > 2. (CPU share 0.05: 15 x 0.05 / 1 / 0.7 = 1.07 -> 2, so concurrency decides)
			// 2,190 x 0.08925 = 195.46; c7i.xlarge would hold 3 (3,695 m) but costs 2 x 0.1785 = 0.357/h > 0.26775
			w: wl{rpm: "78840000", dur: 500_000_000, conc: 10, vcpu: "1", mem: 2048, cpuf: "0.05"}, total: "268.46", lines: []string{"73.00", "195.46"}, contains: "3 pods of 1 vCPU/2 GiB on 3 x c7i.large"},
		{name: "AKS Free tier has no cluster fee", platform: "azure-aks", s: Settings{AKSTier: AKSFree},
			// F2s_v2 x 2 nodes: 1,460 x 0.0846 = 123.516 -> 123.52, no fee line
			w: wl{vcpu: "1", mem: 2048}, total: "123.52", lines: []string{"123.52"}, contains: "AKS Free tier"},
		{name: "AKS Standard tier is the default", platform: "azure-aks", s: Settings{AKSTier: AKSStandard},
			w: wl{vcpu: "1", mem: 2048}, total: "196.52", lines: []string{"73.00", "123.52"}},
		{name: "EKS ignores the AKS tier", platform: "aws-eks", s: Settings{AKSTier: AKSFree},
			w: wl{vcpu: "1", mem: 2048}, total: "203.31", lines: []string{"73.00", "130.31"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := c.w
			if w.rpm == "" {
				w.rpm = "1000"
			}
			q := b.Price(c.platform, w.w(), c.s)
			checkQuote(t, q, c.total, c.lines)
			if c.contains != "" && !strings.Contains(joinAssumptions(q), c.contains) {
				t.Errorf("assumptions lack %q:\n%s", c.contains, joinAssumptions(q))
			}
		})
	}
}

// The overhead formula worked by hand on one size per cloud.
func TestNodeOverheadByHand(t *testing.T) {
	b := mustLoad(t)
	find := func(cloud, region, pid, name string) *nodeSpec {
		t.Helper()
		for _, nt := range b.regions[cloud+"/"+region].nodes[pid] {
			if nt.name == name && nt.spec.OS == "linux" {
				return nt.spec
			}
		}
		t.Fatalf("%s %s: no node %s", cloud, region, name)
		return nil
	}
	cases := []struct {
		s                                                *nodeSpec
		resMilli, resMiB, evictMiB, allocMilli, allocMiB int64
	}{
		// m7i.2xlarge, 8 vCPU, 32 GiB, 58 pods: CPU 60 + 10 + 2 x 5 + 4 x 2.5 = 90 m;
		// memory 11 x 58 + 255 = 893 MiB; 8,000 - 90 - 225 = 7,685 m; 32,768 - 893 - 100 - 200 = 31,575 MiB
		{find("aws", "us-east-1", "aws-eks", "m7i.2xlarge"), 90, 893, 100, 7685, 31575},
		// r7g.8xlarge, 32 vCPU, 256 GiB, 234 pods: 80 + 28 x 2.5 = 150 m; 11 x 234 + 255 = 2,829 MiB;
		// 32,000 - 150 - 225 = 31,625 m; 262,144 - 2,829 - 300 = 259,015 MiB
		{find("aws", "us-east-1", "aws-eks", "r7g.8xlarge"), 150, 2829, 100, 31625, 259015},
		// Standard_E8s_v5, 8 vCPU, 64 GiB: 90 m; 1 + 0.8 + 0.8 + 0.06 x 48 = 5.48 GiB = 5,611.52 -> 5,612 MiB;
		// 7,685 m; 65,536 - 5,612 - 300 = 59,624 MiB
		{find("azure", "eastus", "azure-aks", "Standard_E8s_v5"), 90, 5612, 100, 7685, 59624},
		// Standard_E32s_v5, 32 vCPU, 256 GiB: 150 m; 9.32 + 0.02 x 128 = 11.88 GiB = 12,165.12 -> 12,166 MiB;
		// 31,625 m; 262,144 - 12,166 - 300 = 249,678 MiB
		{find("azure", "westeurope", "azure-aks", "Standard_E32s_v5"), 150, 12166, 100, 31625, 249678},
	}
	for _, c := range cases {
		s := c.s
		if s.reservedMilli != c.resMilli || s.reservedMiB != c.resMiB || s.evictionMiB != c.evictMiB ||
			s.allocMilli != c.allocMilli || s.allocMiB != c.allocMiB || s.dsMilli != 225 || s.dsMiB != 200 {
			t.Errorf("%s vCPU %s GiB: reserved %d m / %d MiB, eviction %d, allocatable %d m / %d MiB; want %d / %d, %d, %d / %d",
				s.VCPU, s.MemoryGiB, s.reservedMilli, s.reservedMiB, s.evictionMiB, s.allocMilli, s.allocMiB,
				c.resMilli, c.resMiB, c.evictMiB, c.allocMilli, c.allocMiB)
		}
	}
}

// EKS and AKS price pods of every shape in every bundled region: general,
// compute- and memory-heavy up to 28 vCPU / 200 GiB, Windows, and 1- and 4-GPU
// pods (data_test.go's TestRegionCoverage covers the other platforms). 8-GPU pods
// in westeurope are the one gap: ND96asr_v4 has an East US price only.
func TestNodeCatalogueCoverage(t *testing.T) {
	b := mustLoad(t)
	pods := map[string]wl{
		"general": {vcpu: "2", mem: 8192},
		"compute": {vcpu: "8", mem: 8192},
		"memory":  {vcpu: "4", mem: 102400},
		"large":   {vcpu: "28", mem: 204800},
		"windows": {vcpu: "4", mem: 16384, os: "windows"},
		"arm":     {vcpu: "2", mem: 8192, arch: "arm"},
		"1 GPU":   {vcpu: "4", mem: 16384, gpu: 1},
		"4 GPUs":  {vcpu: "16", mem: 65536, gpu: 4},
		"8 GPUs":  {vcpu: "32", mem: 131072, gpu: 8},
	}
	gaps := map[string]bool{
		"azure-aks westeurope 8 GPUs": true, // ND96asr_v4 has an East US price only
	}
	for _, pid := range []string{"aws-eks", "azure-aks"} {
		p, _ := PlatformByID(pid)
		for _, r := range b.Regions(p.Cloud) {
			for name, w := range pods {
				w.rpm = "1000"
				q := b.Price(pid, w.w(), Settings{Regions: map[string]string{p.Cloud: r}})
				key := pid + " " + r + " " + name
				if q.Priced == gaps[key] {
					t.Errorf("%s: priced %v, documented gap %v (%s)", key, q.Priced, gaps[key], q.Note)
				}
			}
		}
	}
}

// Pruning dominated sizes never changes the size chosen: for many pod sizes
// and counts, the first cheapest candidate of the full list survives.
func TestPruneDominatedKeepsTheChoice(t *testing.T) {
	b := mustLoad(t)
	nodes := b.regions["aws/us-east-1"].nodes["aws-eks"]
	for _, podMilli := range []int64{250, 1000, 1700, 3000, 7000} {
		for _, podMiB := range []int64{512, 2048, 6000, 30000} {
			var all []k8sCandidate
			for _, nt := range nodes {
				s := nt.spec
				if s.GPUs > 0 || s.Burstable {
					continue
				}
				if ppn := min(s.allocMilli/podMilli, s.allocMiB/podMiB); ppn >= 1 {
					all = append(all, k8sCandidate{nt: nt, podsPerNode: ppn})
				}
			}
			full := append([]k8sCandidate(nil), all...)
			pruned, _ := pruneDominated(all, nil)
			for _, pods := range []int64{1, 2, 3, 7, 40, 500} {
				pick := func(cs []k8sCandidate) *nodeType {
					var best *nodeType
					var bestCost dec
					for _, c := range cs {
						cost := c.nt.m.tiers[0].priceX.Mul(decInt(max(2, (pods+c.podsPerNode-1)/c.podsPerNode)))
						if best == nil || cost.LessThan(bestCost) {
							best, bestCost = c.nt, cost
						}
					}
					return best
				}
				if a, b := pick(full), pick(pruned); a != b {
					t.Errorf("pod %d m / %d MiB x %d: full list picks %s, pruned %s", podMilli, podMiB, pods, a.name, b.name)
				}
			}
			if len(full) > 0 && len(pruned) >= len(full) && len(full) > 3 {
				t.Errorf("pod %d m / %d MiB: nothing pruned from %d sizes", podMilli, podMiB, len(full))
			}
		}
	}
}

// AKS sizes take the table's default max pods (250); EKS sizes keep their own.
func TestNodeMaxPods(t *testing.T) {
	b := mustLoad(t)
	for _, nt := range b.regions["azure/eastus"].nodes["azure-aks"] {
		if nt.spec.MaxPods != 250 {
			t.Errorf("%s: max pods %d, want 250", nt.name, nt.spec.MaxPods)
		}
	}
	for _, nt := range b.regions["aws/us-east-1"].nodes["aws-eks"] {
		if nt.name == "m7i.large" && nt.spec.MaxPods != 29 || nt.name == "g5.12xlarge" && nt.spec.MaxPods != 737 {
			t.Errorf("%s: max pods %d", nt.name, nt.spec.MaxPods)
		}
	}
}
