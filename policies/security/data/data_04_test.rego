package hybridadvisor.security.data_04_test

import data.hybridadvisor.security.data_04
import data.hybridadvisor.security.fixtures_test as fx

test_fires_on_old_tls if {
	every v in ["1.0", "1.1", "TLSv1.1", "tls1.0", "none", "SSLv3"] {
		c := fx.patch(fx.good, {"security": {"data": {"tls_min": v}}})
		fx.paths(data_04.deny) == {"security.data.tls_min"} with input as fx.input_for(c)
	}
}

test_quiet_on_modern_tls if {
	every v in ["1.2", "1.3", "TLSv1.3", "unknown"] {
		c := fx.patch(fx.good, {"security": {"data": {"tls_min": v}}})
		count(data_04.deny) == 0 with input as fx.input_for(c)
	}
}

test_quiet_when_tls_absent if count(data_04.deny) == 0 with input as fx.input_for(fx.drop(fx.good, ["security/data/tls_min"]))
