package hybridadvisor.security.sc_04_test

import data.hybridadvisor.security.fixtures_test as fx
import data.hybridadvisor.security.sc_04

test_fires_when_sbom_false if {
	c := fx.patch(fx.shop.catalog, {"security": {"supply_chain": {"sbom": false}}})
	fx.paths(sc_04.deny) == {"security.supply_chain.sbom"} with input as fx.input_for(c)
}

test_fires_when_sbom_omitted if {
	c := fx.drop(fx.shop.catalog, ["security/supply_chain/sbom"])
	fx.paths(sc_04.deny) == {"security.supply_chain"} with input as fx.input_for(c)
}

test_quiet_on_good if count(sc_04.deny) == 0 with input as fx.shop_inputs.catalog

test_quiet_when_supply_chain_absent if {
	c := fx.drop(fx.shop.catalog, ["security/supply_chain"])
	count(sc_04.deny) == 0 with input as fx.input_for(c)
}
