package pricing

import (
	"fmt"
	"math"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"

	"github.com/hybridadvisor/hybridadvisor/data"
)

// scalingRule is how one platform's autoscaler sizes a fleet (data/scaling.yaml).
type scalingRule struct {
	TargetPct            int         `yaml:"target_pct"`     // 0: the workload's own target
	CPUTargetPct         int         `yaml:"cpu_target_pct"` // 0: the workload's own target
	ScaleRuleConcurrency int         `yaml:"scale_rule_concurrency"`
	InstanceConcurrency  map[int]int `yaml:"instance_concurrency"`
	Source               string      `yaml:"source"`
	AsOf                 string      `yaml:"as_of"`
	Note                 string      `yaml:"note"`
}

type scalingFile struct {
	Version   string                 `yaml:"version"`
	Platforms map[string]scalingRule `yaml:"platforms"`
}

var (
	scalingOnce  sync.Once
	scalingRules map[string]*scalingRule
	scalingErr   error
)

// loadScaling reads data/scaling.yaml once. Every platform must have an entry
// with a source and a date, and targets within 0..100.
func loadScaling() (map[string]*scalingRule, error) {
	scalingOnce.Do(func() {
		src, err := data.FS.ReadFile("scaling.yaml")
		if err != nil {
			scalingErr = err
			return
		}
		scalingRules, scalingErr = parseScaling(src)
	})
	return scalingRules, scalingErr
}

func parseScaling(src []byte) (map[string]*scalingRule, error) {
	var f scalingFile
	dec := yaml.NewDecoder(strings.NewReader(string(src)))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("scaling.yaml: %w", err)
	}
	for _, p := range Platforms {
		r, ok := f.Platforms[p.ID]
		switch {
		case !ok:
			return nil, fmt.Errorf("scaling.yaml: no entry for %s", p.ID)
		case r.Source == "" || r.AsOf == "":
			return nil, fmt.Errorf("scaling.yaml: %s lacks source or as_of", p.ID)
		case r.TargetPct < 0 || r.TargetPct > 100 || r.CPUTargetPct < 0 || r.CPUTargetPct > 100:
			return nil, fmt.Errorf("scaling.yaml: %s target outside 0..100", p.ID)
		}
	}
	for id := range f.Platforms {
		if _, ok := PlatformByID(id); !ok {
			return nil, fmt.Errorf("scaling.yaml: unknown platform %s", id)
		}
	}
	out := make(map[string]*scalingRule, len(f.Platforms))
	for id, r := range f.Platforms {
		out[id] = &r
	}
	return out, nil
}

// scalingFor returns the platform's rule. The file is embedded and checked by
// a test, so a failure here is a build defect.
func scalingFor(id string) *scalingRule {
	rules, err := loadScaling()
	if err != nil {
		panic(err)
	}
	return rules[id]
}

// defaultTargetPct is the HPA target when the workload sets none: a common
// choice, not any cloud's default.
const defaultTargetPct = 70

// defaultCPUFraction is the share of a request's duration spent on CPU when the
// workload does not say: most request time waits on I/O (databases, other services).
var defaultCPUFraction = decNew(25, -2)

// userTarget is the workload's own utilisation target as a fraction.
func userTarget(w *Workload) dec {
	pct := w.TargetUtilizationPct
	if pct <= 0 || pct > 100 {
		pct = defaultTargetPct
	}
	return decNew(int64(pct), -2)
}

// targets returns the platform's concurrency and CPU targets for w.
func (r *scalingRule) targets(w *Workload) (conc, cpu dec) {
	conc, cpu = userTarget(w), userTarget(w)
	if r.TargetPct > 0 {
		conc = decNew(int64(r.TargetPct), -2)
	}
	if r.CPUTargetPct > 0 {
		cpu = decNew(int64(r.CPUTargetPct), -2)
	}
	return conc, cpu
}

// cpuFraction is the workload's CPU share of a request's duration (0 < f <= 1).
func cpuFraction(w *Workload) dec {
	f := decOf(w.CPUFraction)
	if f.Sign() <= 0 || f.GreaterThan(xOne) {
		return defaultCPUFraction
	}
	return f
}

// capacity is what one instance serves at once, in requests, for the instance
// model: the lower of its concurrency bound (concurrency x concurrency target)
// and its CPU bound (vCPU / CPU fraction x CPU target). Instances are
// ceil(in-flight / capacity), which is the larger of the two bounds' counts.
// A zero vcpu means no CPU bound (platforms billed per request).
func capacity(concurrency int, concTarget, vcpu, cpuFrac, cpuTarget dec) (cp dec, cpuBound bool) {
	cp = decInt(int64(max(1, concurrency))).Mul(concTarget)
	if vcpu.Sign() > 0 && cpuFrac.Sign() > 0 {
		byCPU := vcpu.Mul(cpuTarget).DivRound(cpuFrac, 12)
		if byCPU.LessThan(cp) {
			return byCPU, true
		}
	}
	return cp, false
}

// unionDecimals is how many decimals of 1 - e^(-x) the busy-time model keeps:
// float64 is exact to about 16 significant digits, so 12 decimals are stable,
// and rounding a monotone function keeps it monotone.
const unionDecimals = 12

// busyShare returns 1 - e^(-x) for x >= 0 as an exact decimal of
// unionDecimals places: the share of time a single instance receiving Poisson
// arrivals at rate lambda, each busy for b, has work (x = lambda x b).
func busyShare(x dec) dec {
	if x.Sign() <= 0 {
		return zero
	}
	f := approx(x)
	if f > 40 { // e^-40 < 1e-17: fully busy at 12 decimals
		return xOne
	}
	s := -math.Expm1(-f)
	return decNew(int64(math.Round(s*1e12)), -unionDecimals)
}

// fleet is how an autoscaled platform sizes its instances for one workload.
type fleet struct {
	conc        int
	concT, cpuT dec // concurrency and CPU targets (fractions)
	vcpu, frac  dec // vCPU per instance (zero: no CPU bound), CPU share of a request
	cap         dec // requests one instance serves at its target (see capacity)
	cpuBound    bool
}

func newFleet(platformID string, w *Workload, concurrency int, vcpu dec) fleet {
	f := fleet{conc: max(1, concurrency), vcpu: vcpu, frac: cpuFraction(w)}
	f.concT, f.cpuT = scalingFor(platformID).targets(w)
	f.cap, f.cpuBound = capacity(f.conc, f.concT, vcpu, f.frac, f.cpuT)
	return f
}

// sentence explains the count: "ceil(in-flight requests / 2.8 per task: the
// lower of 80 concurrency x 70% target and 1 vCPU / 0.25 CPU share x 70% target)".
func (f *fleet) sentence(tb *text, noun string) *text {
	tb.s("ceil(in-flight requests / ").n(f.cap, 3).s(" per ").s(noun).s(": the lower of ").i(int64(f.conc)).s(" concurrency x ").
		n(f.concT.Shift(2), 0).s("% target")
	if f.vcpu.Sign() > 0 {
		tb.s(" and ").n(f.vcpu, 3).s(" vCPU / ").n(f.frac, 3).s(" CPU share of each request x ").n(f.cpuT.Shift(2), 0).s("% target")
	}
	tb.s(")")
	if f.cpuBound {
		tb.s(", CPU-bound")
	}
	return tb
}

// replicaSeconds returns the running and the active replica-seconds of period i
// for a scale-to-zero platform with m minimum replicas, and the replicas running.
// Replicas above the minimum are active all the time they run; minimum replicas
// are active only while they have requests in flight.
func replicaSeconds[N number[N]](per *periodsOf[N], im *instanceModelOf[N], bm, cool *busyModelOf[N], minSecs *[maxPeriods]N, m int64, i int, v N) (running, active N, n int64) {
	nt := im.at(i, v)
	switch {
	case nt <= m:
		return minSecs[i], nmin(minSecs[i], bm.at(i, v)), m
	case nt == 1:
		// A single replica scaled from zero lives for its requests plus the idle timeout.
		r := nmin(per.secs[i], cool.at(i, v))
		return r, r, 1
	}
	r := kitOf[N]().fromInt(nt).Mul(per.secs[i])
	return r, r, nt
}

// instanceVol prices a fleet by instance-hours: vCPU-hours and memory-hours of
// the instances the model runs at a volume.
type instanceVol[N number[N]] struct {
	per         *periodsOf[N]
	im          instanceModelOf[N]
	vcpuM, memM *meter
	cpu, mem    N // vCPU and GB per instance
	lastCounts  [maxPeriods]int64
	lastHours   N
}

func (q *instanceVol[N]) uses(v N, out []use[N]) []use[N] {
	hours := q.per.instanceHours(&q.im, v, &q.lastCounts)
	q.lastHours = hours
	return append(out, use[N]{m: q.vcpuM, qty: hours.Mul(q.cpu)}, use[N]{m: q.memM, qty: hours.Mul(q.mem)})
}

// fltInstanceVol is q in float64 over the periods per.
func fltInstanceVol(q *instanceVol[dec], per *periodsOf[flt]) instanceVol[flt] {
	return instanceVol[flt]{per: per, im: fltInstances(&q.im), vcpuM: q.vcpuM, memM: q.memM, cpu: toFlt(q.cpu), mem: toFlt(q.mem)}
}
