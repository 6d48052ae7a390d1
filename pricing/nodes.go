package pricing

import (
	"errors"
	"fmt"
	"strings"
)

// Node overhead: what a Kubernetes node keeps back from its pods. Each cloud's
// table carries the constants (node_overhead) with their sources; the
// allocatable vCPU and memory of every node size are worked out once, at load.

type rawOverhead struct {
	KubeReservedCPU    rawReserve  `yaml:"kube_reserved_cpu"`
	KubeReservedMemory rawReserve  `yaml:"kube_reserved_memory"`
	Eviction           rawReserve  `yaml:"eviction"`
	DaemonSets         rawReserve  `yaml:"daemonsets"`
	MaxPods            *rawReserve `yaml:"max_pods"` // default for sizes without spec.max_pods
}

// rawReserve is one sourced constant: bands (a share of each slice of the node's
// capacity), a per-pod formula, or fixed amounts.
type rawReserve struct {
	Bands     []rawBand `yaml:"bands"`
	PerPodMiB int64     `yaml:"per_pod_mib"`
	BaseMiB   int64     `yaml:"base_mib"`
	CPUMilli  int64     `yaml:"cpu_milli"`
	Pods      int       `yaml:"pods"`
	MemoryMiB int64     `yaml:"memory_mib"`
	Source    string    `yaml:"source"`
	AsOf      string    `yaml:"as_of"`
	Note      string    `yaml:"note"`
}

type rawBand struct {
	UpTo    string `yaml:"up_to"`
	Percent string `yaml:"percent"`
}

type band struct {
	upTo    dec // zero: the rest
	percent dec
}

// nodeOverhead is a cloud's parsed node_overhead.
type nodeOverhead struct {
	cpuBands             []band // cores
	memBands             []band // GiB; empty when the per-pod formula is used
	memPerPodMiB         int64
	memBaseMiB           int64
	evictionMiB          int64
	dsMilli, dsMiB       int64
	defaultMaxPods       int
	cpuSource, memSource string
}

func parseOverhead(r *rawOverhead) (*nodeOverhead, error) {
	for _, part := range []struct {
		name string
		r    *rawReserve
	}{{"kube_reserved_cpu", &r.KubeReservedCPU}, {"kube_reserved_memory", &r.KubeReservedMemory}, {"eviction", &r.Eviction}, {"daemonsets", &r.DaemonSets}} {
		if !strings.HasPrefix(part.r.Source, "https://") || !IsDate(part.r.AsOf) {
			return nil, fmt.Errorf("node_overhead.%s needs an https source and an as_of date", part.name)
		}
	}
	o := &nodeOverhead{memPerPodMiB: r.KubeReservedMemory.PerPodMiB, memBaseMiB: r.KubeReservedMemory.BaseMiB,
		evictionMiB: r.Eviction.MemoryMiB, dsMilli: r.DaemonSets.CPUMilli, dsMiB: r.DaemonSets.MemoryMiB,
		cpuSource: r.KubeReservedCPU.Source, memSource: r.KubeReservedMemory.Source}
	if r.MaxPods != nil {
		if !strings.HasPrefix(r.MaxPods.Source, "https://") || !IsDate(r.MaxPods.AsOf) || r.MaxPods.Pods <= 0 {
			return nil, errors.New("node_overhead.max_pods needs pods, an https source and an as_of date")
		}
		o.defaultMaxPods = r.MaxPods.Pods
	}
	var err error
	if o.cpuBands, err = parseBands(r.KubeReservedCPU.Bands); err != nil || len(o.cpuBands) == 0 {
		return nil, errors.New("node_overhead.kube_reserved_cpu needs bands")
	}
	if len(r.KubeReservedMemory.Bands) > 0 {
		if o.memBands, err = parseBands(r.KubeReservedMemory.Bands); err != nil {
			return nil, fmt.Errorf("node_overhead.kube_reserved_memory: %w", err)
		}
	} else if o.memPerPodMiB <= 0 {
		return nil, errors.New("node_overhead.kube_reserved_memory needs bands or per_pod_mib")
	}
	if o.evictionMiB < 0 || o.dsMilli < 0 || o.dsMiB < 0 || o.memBaseMiB < 0 {
		return nil, errors.New("node_overhead amounts must not be negative")
	}
	return o, nil
}

func parseBands(rb []rawBand) ([]band, error) {
	var out []band
	prev := dec{}
	for i, b := range rb {
		p, err := decFromString(b.Percent)
		if err != nil || p.Sign() < 0 || p.GreaterThan(decInt(100)) {
			return nil, errors.New("a band's percent must be 0..100")
		}
		var up dec
		if b.UpTo != "" {
			up, err = decFromString(b.UpTo)
			if err != nil || !up.GreaterThan(prev) {
				return nil, errors.New("band limits must increase")
			}
			prev = up
		} else if i != len(rb)-1 {
			return nil, errors.New("only the last band may leave out up_to")
		}
		out = append(out, band{upTo: up, percent: p})
	}
	return out, nil
}

// bandsReserve is the share the bands keep back of amount (in the bands' unit).
func bandsReserve(bands []band, amount dec) dec {
	res, lo := dec{}, dec{}
	for _, b := range bands {
		hi := amount
		if !b.upTo.IsZero() && b.upTo.LessThan(amount) {
			hi = b.upTo
		}
		if hi.GreaterThan(lo) {
			res = res.Add(hi.Sub(lo).Mul(b.percent).Div(decInt(100)))
		}
		if b.upTo.IsZero() || !b.upTo.LessThan(amount) {
			break
		}
		lo = b.upTo
	}
	return res
}

// reserve fills in s's kube-reserved amounts and allocatable capacity. Reserved
// amounts round up to whole millicores and MiB, as the kubelet's flags do.
func (o *nodeOverhead) reserve(s *nodeSpec) error {
	if s.MaxPods == 0 {
		s.MaxPods = o.defaultMaxPods
	}
	s.reservedMilli = bandsReserve(o.cpuBands, s.VCPU).Shift(3).Ceil().IntPart()
	if len(o.memBands) > 0 {
		s.reservedMiB = bandsReserve(o.memBands, s.MemoryGiB).Mul(decInt(1024)).Ceil().IntPart()
	} else {
		if s.MaxPods <= 0 {
			return errors.New("spec needs max_pods: kube-reserved memory is per pod in this cloud")
		}
		s.reservedMiB = o.memPerPodMiB*int64(s.MaxPods) + o.memBaseMiB
	}
	s.evictionMiB, s.dsMilli, s.dsMiB = o.evictionMiB, o.dsMilli, o.dsMiB
	s.allocMilli = s.milliCPU - s.reservedMilli - o.dsMilli
	s.allocMiB = s.memMiB - s.reservedMiB - o.evictionMiB - o.dsMiB
	return nil
}
