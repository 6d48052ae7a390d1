package hybridadvisor.decision_test

import data.hybridadvisor.decision

test_fmt_duration if {
	decision.fmt_duration(120) == "120ms"
	decision.fmt_duration(120.5) == "120.5ms"
	decision.fmt_duration(1500) == "1.5s"
	decision.fmt_duration(2000) == "2s"
	decision.fmt_duration(90500) == "1m30.5s"
	decision.fmt_duration(1500000) == "25m0s"
	decision.fmt_duration(5400000) == "1h30m0s"
}

test_fmt_sig if {
	decision.fmt_sig(0) == "0"
	decision.fmt_sig(20) == "20"
	decision.fmt_sig(1234.5) == "1235"
	decision.fmt_sig(17.123) == "17.1"
	decision.fmt_sig(4.205) == "4.21"
	decision.fmt_sig(0.0115) == "0.0115"
	decision.fmt_sig(0.00019) == "0.00019"
	decision.fmt_sig(0.0000761) == "0.0000761"
	decision.fmt_sig(0.00000761) == "0.00000761"
	decision.fmt_sig(0.000000761) == "0.000000761"
}

test_fmt_count_and_rate if {
	decision.fmt_count(30) == "30"
	decision.fmt_count(6500) == "6500"
	decision.fmt_count(20000) == "20k"
	decision.fmt_count(1200000) == "1.2M"
	decision.fmt_count(2500000000) == "2.5B"
	decision.fmt_rate(0.0115) == "0.0115 rps"
}

# cloud_bounds takes the index's per-cloud HTTP lists: on AWS they must be what Lambda's front
# door gives (http_limit), behind API Gateway or not, capped at the framework's 15 minutes.
test_cloud_bounds_follow_the_front_doors if {
	every door in ["api_gateway", "function_url", "load_balancer", null] {
		i := object.union(inp({}), {"options": {"aws-lambda": {"front_door": door}}})
		[lim, _] := decision.http_limit("aws-lambda") with input as i
		b := decision.cloud_bounds.aws with input as i
		b.min_ms == min([lim, data.hybridadvisor.weights.thresholds.function_max_s]) * 1000
	}
	default_door := decision.cloud_bounds.aws with input as inp({})
	default_door.min_ms == 29000
}

test_cloud_bounds_capped_on_some_clouds if {
	i := {"clouds": ["aws", "gcp"], "component": base_component}
	b := decision.cloud_bounds with input as i
	b.aws.min_ms == 29000
	b.gcp.min_ms == 900000 # Cloud Run functions' 3,600 s, capped at 15 minutes
}
