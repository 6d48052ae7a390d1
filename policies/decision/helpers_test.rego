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

# fn_http_timeout_list takes the index's lists when every cloud is evaluated: they must be what
# each platform's front door gives (http_limit), with Lambda behind API Gateway or not.
test_fn_http_timeout_list_follows_the_front_doors if {
	every door in ["api_gateway", "function_url", "load_balancer", null] {
		i := object.union(inp({}), {"options": {"aws-lambda": {"front_door": door}}})
		want := sort([[lim, p] | some p in decision.function_candidates; [lim, _] := decision.http_limit(p)]) with input as i
		decision.fn_timeout_list == want with input as i
	}
	gateway := decision.fn_timeout_list with input as inp({})
	gateway[0] == [29, "aws-lambda"]
	url := decision.fn_timeout_list with input as object.union(inp({}), {"options": {"aws-lambda": {"front_door": "function_url"}}})
	not [29, "aws-lambda"] in url
}

test_fn_http_timeout_list_on_some_clouds if {
	i := {"clouds": ["aws", "gcp"], "component": base_component}
	decision.fn_timeout_list == [[29, "aws-lambda"], [3600, "gcp-cloud-run-functions"]] with input as i
}
