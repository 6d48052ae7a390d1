package hybridadvisor.security.rt_01_test

import data.hybridadvisor.security.fixtures_test as fx
import data.hybridadvisor.security.rt_01

test_fires_on_deprecated_runtime if {
	every r in ["python3.8", "nodejs18.x", "node16", "NodeJS14", "dotnet6", "go1.x"] {
		c := fx.patch(fx.good, {"security": {"runtime": {"language_runtime": r}}})
		fx.paths(rt_01.deny) == {"security.runtime.language_runtime"} with input as fx.input_for(c)
	}
}

test_quiet_before_deprecation_date if {
	c := fx.patch(fx.good, {"security": {"runtime": {"language_runtime": "nodejs20.x"}}})
	count(rt_01.deny) == 0 with input as object.union(fx.input_for(c), {"today": "2026-04-29"})
	count(rt_01.deny) == 1 with input as object.union(fx.input_for(c), {"today": "2026-04-30"})
}

test_quiet_on_supported_runtime if count(rt_01.deny) == 0 with input as fx.input_for(fx.good)

test_quiet_when_runtime_absent if {
	c := fx.drop(fx.good, ["security/runtime/language_runtime"])
	count(rt_01.deny) == 0 with input as fx.input_for(c)
}
