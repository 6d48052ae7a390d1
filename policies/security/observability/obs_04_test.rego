package hybridadvisor.security.obs_04_test

import data.hybridadvisor.security.fixtures_test as fx
import data.hybridadvisor.security.obs_04

test_fires_when_health_checks_false if {
	c := fx.patch(fx.shop.catalog, {"observability": {"health_checks": false}})
	fx.paths(obs_04.deny) == {"observability.health_checks"} with input as fx.input_for(c)
}

test_fires_when_health_checks_omitted if {
	c := fx.drop(fx.shop.catalog, ["observability/health_checks"])
	fx.paths(obs_04.deny) == {"observability"} with input as fx.input_for(c)
}

test_quiet_on_good if count(obs_04.deny) == 0 with input as fx.input_for(fx.shop.catalog)

test_quiet_when_observability_absent if {
	c := fx.drop(fx.shop.catalog, ["observability"])
	count(obs_04.deny) == 0 with input as fx.input_for(c)
}

test_quiet_when_observability_empty if {
	c := object.union(fx.drop(fx.shop.catalog, ["observability"]), {"observability": {}})
	count(obs_04.deny) == 0 with input as fx.input_for(c)
}
