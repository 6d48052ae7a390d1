package render

// WrapFrom exposes wrapFrom to the tests.
var WrapFrom = wrapFrom
