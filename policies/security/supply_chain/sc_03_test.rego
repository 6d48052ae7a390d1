package hybridadvisor.security.sc_03_test

import data.hybridadvisor.security.fixtures_test as fx
import data.hybridadvisor.security.sc_03

test_fires_when_image_signed_false if {
	c := fx.patch(fx.shop.catalog, {"security": {"supply_chain": {"image_signed": false}}})
	fx.paths(sc_03.deny) == {"security.supply_chain.image_signed"} with input as fx.input_for(c)
}

test_fires_when_image_signed_omitted_for_an_image if {
	c := fx.drop(fx.shop.catalog, ["security/supply_chain/image_signed", "security/supply_chain/image_ref"])
	fx.paths(sc_03.deny) == {"security.supply_chain"} with input as fx.input_for(c)
}

test_fires_when_image_signed_omitted_with_image_ref if {
	c := fx.drop(fx.good, ["security/supply_chain/image_signed"])
	count(sc_03.deny) == 1 with input as fx.input_for(c)
}

test_quiet_when_omitted_for_zip_function if {
	c := fx.drop(fx.good, ["security/supply_chain/image_signed", "security/supply_chain/image_ref"])
	count(sc_03.deny) == 0 with input as fx.input_for(c)
}

test_quiet_on_good if count(sc_03.deny) == 0 with input as fx.shop_inputs.catalog

test_quiet_when_supply_chain_absent if {
	c := fx.drop(fx.shop.catalog, ["security/supply_chain"])
	count(sc_03.deny) == 0 with input as fx.input_for(c)
}
