package hybridadvisor.security.sc_01_test

import data.hybridadvisor.security.fixtures_test as fx
import data.hybridadvisor.security.sc_01

test_fires_when_image_scanned_false if {
	c := fx.patch(fx.shop.catalog, {"security": {"supply_chain": {"image_scanned": false}}})
	fx.paths(sc_01.deny) == {"security.supply_chain.image_scanned"} with input as fx.input_for(c)
}

test_fires_when_image_scanned_omitted if {
	c := fx.drop(fx.shop.catalog, ["security/supply_chain/image_scanned"])
	fx.paths(sc_01.deny) == {"security.supply_chain"} with input as fx.input_for(c)
}

test_quiet_on_good if count(sc_01.deny) == 0 with input as fx.shop_inputs.catalog

test_quiet_when_supply_chain_absent if {
	c := fx.drop(fx.shop.catalog, ["security/supply_chain"])
	count(sc_01.deny) == 0 with input as fx.input_for(c)
}
