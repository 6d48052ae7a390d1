package advisor

import (
	"strconv"
	"strings"
	"time"

	"github.com/hybridadvisor/hybridadvisor/advisor/profile"
	"github.com/hybridadvisor/hybridadvisor/advisor/result"
)

// modelledWorkload is the component's workload as the run modelled it, each
// value in its YAML form and marked assumed when the profile did not write it
// (assumed maps an assumption's path to its reason).
func modelledWorkload(c *profile.Component, assumed map[string]string) *result.Workload {
	tr, ex := c.Traffic, c.Execution
	w := &result.Workload{}
	text := map[string]string{
		"trigger":                          c.Trigger,
		"traffic.requests_per_month":       tr.RequestsPerMonth.String(),
		"traffic.requests_per_second":      tr.RequestsPerSecond.String(),
		"traffic.peak_requests_per_second": tr.PeakRequestsPerSecond.String(),
		"traffic.pattern":                  tr.Pattern,
		"execution.avg_duration":           shortDuration(ex.AvgDuration),
		"execution.max_duration":           shortDuration(ex.MaxDuration),
		"execution.memory_mb":              strconv.Itoa(ex.MemoryMB),
		"execution.vcpu":                   ex.VCPU.String(),
		"execution.concurrency":            strconv.Itoa(ex.Concurrency),
		"execution.min_instances":          strconv.Itoa(ex.MinInstances),
		"execution.arch":                   ex.Arch,
		"execution.os":                     ex.OS,
		"execution.gpu":                    strconv.Itoa(ex.GPU),
		"execution.ephemeral_storage_mb":   strconv.Itoa(ex.EphemeralStorageMB),
		"dependencies.package_mb":          strconv.FormatFloat(c.Dependencies.PackageMB, 'f', -1, 64),
		"dependencies.container_image":     strconv.FormatBool(c.Dependencies.ContainerImage),
		"state":                            c.State,
		"security.exposure":                c.Security.Exposure,
	}
	for _, f := range w.Fields() {
		why, ok := assumed[c.Path+"."+f.Path]
		*f.Value = result.Value{Value: text[f.Path], Assumed: ok, Why: why}
	}
	return w
}

// shortDuration writes a duration as a profile would: 1m30s rather than Go's
// 1m30.000s forms; 120ms stays.
func shortDuration(d time.Duration) string {
	s := d.String()
	s = strings.Replace(s, "m0s", "m", 1)
	s = strings.Replace(s, "h0m", "h", 1)
	return s
}
