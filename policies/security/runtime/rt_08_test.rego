package hybridadvisor.security.rt_08_test

import data.hybridadvisor.security.fixtures_test as fx
import data.hybridadvisor.security.rt_08

test_fires_on_end_of_life_language if {
	every r in ["python3.9", "node18", "dotnet5.0", "ruby3.1"] {
		c := fx.patch(fx.shop.catalog, {"security": {"runtime": {"language_runtime": r}}})
		fx.paths(rt_08.deny) == {"security.runtime.language_runtime"} with input as fx.input_for(c)
	}
}

test_quiet_on_java_lts_deprecated_only_for_lambda if {
	c := fx.patch(fx.shop.catalog, {"security": {"runtime": {"language_runtime": "java17"}}})
	count(rt_08.deny) == 0 with input as fx.input_for(c)
}

test_quiet_on_good if count(rt_08.deny) == 0 with input as fx.shop_inputs.catalog

test_quiet_when_runtime_absent if count(rt_08.deny) == 0 with input as fx.bare_input
