# Test fixtures shared by every *_test.rego under policies/security, and by
# policies/security_test.go (which reads shop_inputs and bare_input from here).
#
# shop is a five-component architecture where every component declares every
# security, observability and resilience field correctly: no rule fires on any
# of them. Tests derive failing cases with patch (a deep merge) and drop (remove
# fields), and build the input document with input_for / input_in.
package hybridadvisor.security.fixtures_test

today := "2026-11-25"

clouds := ["aws", "azure", "gcp"]

regions := {"aws": "us-east-1", "azure": "eastus", "gcp": "us-central1"}

declared_all := {"security": true, "observability": true, "resilience": true}

# The fields every component shares; each shop component overrides a few.
base := {
	"description": "",
	"trigger": "http",
	"traffic": {
		"requests_per_month": 30000000, "requests_per_second": 11.42,
		"peak_requests_per_second": 34.2, "pattern": "steady",
	},
	"execution": {
		"avg_duration_ms": 120, "max_duration_ms": 2000, "memory_mb": 512, "vcpu": 0.25,
		"concurrency": 80, "arch": "x86", "os": "linux", "ephemeral_storage_mb": 512,
		"gpu": 0, "payload_kb": 64, "min_instances": 0,
	},
	"state": "stateless",
	"dependencies": {"complexity": "simple", "package_mb": 40, "container_image": true},
	"requires": {
		"kubernetes_api": false, "privileged": false, "host_access": false,
		"persistent_volume": false, "long_lived_connections": false, "vpc": true,
	},
	"calls": [],
	"called_by": [],
	"security": {
		"exposure": "private",
		"auth": {"type": "iam"},
		"identity": {
			"dedicated_role": true, "permissions": ["dynamodb:GetItem", "dynamodb:PutItem"],
			"uses_default_service_account": false, "resource_policy_public": false,
		},
		"network": {
			"vpc_attached": true, "multi_az": true, "private_endpoints": true,
			"egress_restricted": true, "waf": false, "network_policy": true,
		},
		"secrets": {
			"source": "secret_manager", "names": ["DB_PASSWORD"],
			"rotation_days": 30, "static_cloud_keys": false,
		},
		"data": {
			"classification": "internal", "pii": false, "compliance": ["gdpr"],
			"allowed_regions": ["us-east-1", "eastus", "us-central1"],
			"encryption_at_rest": "cmk", "tls_min": "1.2", "log_redaction": true,
		},
		"supply_chain": {
			"image_scanned": true, "image_signed": true, "code_signing": true, "sbom": true,
			"image_ref": "registry.example.com/shop/app@sha256:0a564e80a3156f2cc825d1720f303d59bd521da19bcbd01316870e1313ecbd23",
		},
		"runtime": {
			"language_runtime": "python3.13", "run_as_non_root": true, "read_only_root_fs": true,
			"allow_privilege_escalation": false, "capabilities_drop_all": true,
			"resource_limits": true, "timeout_ms": 6000,
		},
	},
	"observability": {
		"tracing": true, "structured_logs": true, "correlation_id": true,
		"log_retention_days": 400, "health_checks": true, "alarms": ["errors", "throttles"],
		"budget_alert": true,
	},
	"resilience": {"dlq": true, "retries": 2, "idempotent": true, "max_concurrency": 100},
	"tags": {"owner": "team-shop", "cost_center": "1234", "environment": "prod"},
	"waivers": [],
	"declared": declared_all,
}

# shop: gateway (public JWT edge) -> catalog (sync) and orders (async);
# orders -> notify (async); reports runs on a schedule on Kubernetes.
shop := {
	"gateway": patch(base, {
		"name": "gateway", "path": "components[0]",
		"dependencies": {"container_image": false},
		"calls": [{"to": "catalog", "mode": "sync"}, {"to": "orders", "mode": "async"}],
		"security": {
			"exposure": "public",
			"auth": {"type": "jwt", "validated_at": "gateway", "propagate_identity": true},
			"network": {"waf": true},
			"runtime": {"language_runtime": "nodejs22.x"},
		},
	}),
	"catalog": patch(base, {
		"name": "catalog", "path": "components[1]",
		"called_by": [{"from": "gateway", "mode": "sync"}],
		"security": {
			"exposure": "internal",
			"auth": {"type": "jwt", "validated_at": "service", "propagate_identity": true},
		},
		"resilience": {"max_concurrency": 200},
	}),
	"orders": patch(base, {
		"name": "orders", "path": "components[2]", "trigger": "queue", "state": "stateful",
		"calls": [{"to": "notify", "mode": "async"}],
		"called_by": [{"from": "gateway", "mode": "async"}],
		"security": {"data": {"classification": "confidential", "pii": true}},
		"resilience": {"max_concurrency": 50},
	}),
	"notify": patch(base, {
		"name": "notify", "path": "components[3]", "trigger": "event",
		"dependencies": {"container_image": false},
		"called_by": [{"from": "orders", "mode": "async"}],
		"resilience": {"max_concurrency": 20},
	}),
	"reports": patch(base, {
		"name": "reports", "path": "components[4]", "trigger": "schedule",
		"execution": {"avg_duration_ms": 600000, "max_duration_ms": 1800000},
		"security": {"runtime": {"timeout_ms": 2400000, "language_runtime": "java21"}},
	}),
}

# good: the fully declared component most unit tests start from (a public JWT edge).
good := shop.gateway

# bare: a component that declares no security, observability or resilience block.
bare := {
	"name": "legacy", "description": "", "path": "components[0]", "trigger": "http",
	"traffic": base.traffic, "execution": base.execution, "state": "stateless",
	"dependencies": {"complexity": "simple", "package_mb": 40, "container_image": false},
	"requires": object.union(base.requires, {"vpc": false}),
	"calls": [], "called_by": [],
	"security": {"exposure": "public"},
	"tags": {}, "waivers": [],
	"declared": {"security": false, "observability": false, "resilience": false},
}

# patch(c, p): c deep-merged with p (p wins).
patch(c, p) := object.union(c, p)

# drop(c, paths): c without the fields at the given slash-separated paths.
drop(c, paths) := json.remove(c, paths)

# input_for(c): the input for c in an architecture of its own.
input_for(c) := input_in(c, [])

# input_in(c, others): the input for c in an architecture with the other components.
input_in(c, others) := {
	"today": today, "clouds": clouds, "regions": regions,
	"component": c,
	"architecture": {
		"name": "test", "component_count": count(others) + 1,
		"components": object.union({o.name: o | some o in others}, {c.name: c}),
	},
	"options": {},
}

# shop_inputs: the input of each shop component, keyed by name.
shop_inputs[name] := {
	"today": today, "clouds": clouds, "regions": regions,
	"component": c,
	"architecture": {"name": "shop", "component_count": count(shop), "components": shop},
	"options": {},
} if {
	some name, c in shop
}

bare_input := input_for(bare)

# paths(findings): the set of paths of a rule's findings.
paths(findings) := {f.path | some f in findings}

# severities(findings): the set of severity overrides of a rule's findings.
severities(findings) := {object.get(f, "severity", "") | some f in findings}
