package profile

import (
	"fmt"
	"strings"
	"testing"
)

// bigProfile is a 25-component architecture with every section declared.
func bigProfile() []byte {
	var b strings.Builder
	b.WriteString("apiVersion: hybridadvisor/v1\nname: bench\nregions: {aws: eu-west-1}\ncomponents:\n")
	for i := 0; i < 25; i++ {
		next := (i + 1) % 25
		fmt.Fprintf(&b, `  - name: svc-%d
    description: Service number %d.
    trigger: %s
    traffic: {requests_per_month: %d, pattern: diurnal}
    execution: {avg_duration: 150ms, max_duration: 3s, memory_mb: 1024, concurrency: 40}
    dependencies: {complexity: moderate, package_mb: 80}
    requires: {vpc: true}
    calls:
      - {to: svc-%d, mode: async}
    security:
      exposure: internal
      auth: {type: jwt, validated_at: gateway, propagate_identity: true}
      identity: {dedicated_role: true, permissions: ["dynamodb:GetItem", "sqs:SendMessage"]}
      network: {vpc_attached: true, multi_az: true}
      secrets: {source: secret_manager, names: [DB_PASSWORD], rotation_days: 30}
      data: {classification: confidential, pii: true, compliance: [gdpr], encryption_at_rest: cmk, tls_min: "1.2"}
      runtime: {language_runtime: python3.12, timeout: 5s}
    observability: {tracing: true, structured_logs: true, log_retention_days: 365, alarms: [errors]}
    resilience: {dlq: true, retries: 2, idempotent: true, max_concurrency: 100}
    tags: {owner: team-%d, environment: prod}
`, i, i, Triggers[i%len(Triggers)], 1000000*(i+1), next, i%5)
	}
	return []byte(b.String())
}

func BenchmarkParse(b *testing.B) {
	src := bigProfile()
	if _, err := Parse("bench.yaml", src); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse("bench.yaml", src); err != nil {
			b.Fatal(err)
		}
	}
}
