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
	v := func(path, text string) result.Value {
		why, ok := assumed[c.Path+"."+path]
		return result.Value{Value: text, Assumed: ok, Why: why}
	}
	return &result.Workload{
		Trigger:               v("trigger", c.Trigger),
		RequestsPerMonth:      v("traffic.requests_per_month", tr.RequestsPerMonth.String()),
		RequestsPerSecond:     v("traffic.requests_per_second", tr.RequestsPerSecond.String()),
		PeakRequestsPerSecond: v("traffic.peak_requests_per_second", tr.PeakRequestsPerSecond.String()),
		Pattern:               v("traffic.pattern", tr.Pattern),
		AvgDuration:           v("execution.avg_duration", shortDuration(ex.AvgDuration)),
		MaxDuration:           v("execution.max_duration", shortDuration(ex.MaxDuration)),
		MemoryMB:              v("execution.memory_mb", strconv.Itoa(ex.MemoryMB)),
		VCPU:                  v("execution.vcpu", ex.VCPU.String()),
		Concurrency:           v("execution.concurrency", strconv.Itoa(ex.Concurrency)),
		MinInstances:          v("execution.min_instances", strconv.Itoa(ex.MinInstances)),
		Arch:                  v("execution.arch", ex.Arch),
		OS:                    v("execution.os", ex.OS),
		GPU:                   v("execution.gpu", strconv.Itoa(ex.GPU)),
		EphemeralStorageMB:    v("execution.ephemeral_storage_mb", strconv.Itoa(ex.EphemeralStorageMB)),
		PackageMB:             v("dependencies.package_mb", strconv.FormatFloat(c.Dependencies.PackageMB, 'f', -1, 64)),
		ContainerImage:        v("dependencies.container_image", strconv.FormatBool(c.Dependencies.ContainerImage)),
		State:                 v("state", c.State),
		Exposure:              v("security.exposure", c.Security.Exposure),
	}
}

// shortDuration writes a duration as a profile would: 1m30s rather than Go's
// 1m30.000s forms; 120ms stays.
func shortDuration(d time.Duration) string {
	s := d.String()
	s = strings.Replace(s, "m0s", "m", 1)
	s = strings.Replace(s, "h0m", "h", 1)
	return s
}
