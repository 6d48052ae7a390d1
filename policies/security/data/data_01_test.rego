package hybridadvisor.security.data_01_test

import data.hybridadvisor.security.data_01
import data.hybridadvisor.security.fixtures_test as fx

test_fires_for_each_cloud_outside_residency if {
	c := fx.patch(fx.good, {"security": {"data": {"allowed_regions": ["eu-west-1", "eastus"]}}})
	findings := data_01.deny with input as fx.input_for(c)
	fx.paths(findings) == {"security.data.allowed_regions"}
	some f in findings
	contains(f.message, "aws us-east-1, gcp us-central1")
}

test_only_evaluated_clouds_count if {
	c := fx.patch(fx.good, {"security": {"data": {"allowed_regions": ["eastus"]}}})
	count(data_01.deny) == 0 with input as object.union(fx.input_for(c), {"clouds": ["azure"]})
}

test_quiet_when_regions_allowed if count(data_01.deny) == 0 with input as fx.input_for(fx.good)

test_quiet_when_allowed_regions_absent if {
	c := fx.drop(fx.good, ["security/data/allowed_regions"])
	count(data_01.deny) == 0 with input as fx.input_for(c)
}
