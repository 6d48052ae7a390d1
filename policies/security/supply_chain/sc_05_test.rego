package hybridadvisor.security.sc_05_test

import data.hybridadvisor.security.fixtures_test as fx
import data.hybridadvisor.security.sc_05

# zip: the public gateway function, shipped as a package (no image_ref).
zip := fx.drop(fx.good, ["security/supply_chain/image_ref"])

test_fires_on_unsigned_package if {
	c := fx.patch(zip, {"security": {"supply_chain": {"code_signing": false}}})
	fx.paths(sc_05.deny) == {"security.supply_chain.code_signing"} with input as fx.input_for(c)
}

test_fires_when_code_signing_omitted if {
	c := fx.drop(zip, ["security/supply_chain/code_signing"])
	fx.paths(sc_05.deny) == {"security.supply_chain"} with input as fx.input_for(c)
}

test_quiet_for_function_images if {
	image := fx.patch(zip, {"dependencies": {"container_image": true}, "security": {"supply_chain": {"code_signing": false}}})
	count(sc_05.deny) == 0 with input as fx.input_for(image)
	with_ref := fx.patch(fx.good, {"security": {"supply_chain": {"code_signing": false}}})
	count(sc_05.deny) == 0 with input as fx.input_for(with_ref)
}

test_quiet_on_good if count(sc_05.deny) == 0 with input as fx.input_for(zip)

test_quiet_when_supply_chain_absent if count(sc_05.deny) == 0 with input as fx.bare_input
