package hybridadvisor.security.sc_02_test

import data.hybridadvisor.security.fixtures_test as fx
import data.hybridadvisor.security.sc_02

test_fires_on_tag if {
	c := fx.patch(fx.shop.catalog, {"security": {"supply_chain": {"image_ref": "registry.example.com/shop/app:1.4"}}})
	fx.paths(sc_02.deny) == {"security.supply_chain.image_ref"} with input as fx.input_for(c)
}

test_quiet_on_digest if count(sc_02.deny) == 0 with input as fx.shop_inputs.catalog

test_quiet_when_image_ref_absent if {
	c := fx.drop(fx.shop.catalog, ["security/supply_chain/image_ref"])
	count(sc_02.deny) == 0 with input as fx.input_for(c)
}
