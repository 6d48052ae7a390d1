package result_test

import (
	"slices"
	"testing"

	"github.com/hybridadvisor/hybridadvisor/advisor/result"
	"github.com/hybridadvisor/hybridadvisor/pricing"
)

// TestVocabularyMatchesPricing: the clouds and models a saved result may name
// are the ones the price tables know.
func TestVocabularyMatchesPricing(t *testing.T) {
	if !slices.Equal(result.Clouds, pricing.Clouds) {
		t.Errorf("result.Clouds %v, pricing.Clouds %v", result.Clouds, pricing.Clouds)
	}
	models := []string{pricing.Function, pricing.ServerlessContainer, pricing.OrchestratedContainer}
	if !slices.Equal(result.Models, models) {
		t.Errorf("result.Models %v, pricing's %v", result.Models, models)
	}
	for _, p := range pricing.Platforms {
		if !slices.Contains(result.Models, p.Model) || !slices.Contains(result.Clouds, p.Cloud) {
			t.Errorf("platform %+v has a cloud or model a result may not name", p)
		}
	}
}

func TestParseNumber(t *testing.T) {
	for lit, ok := range map[string]bool{
		"0": true, "-12.5": true, "1e29": true, "1e30": false, "999999999999999999999999999999": true,
		"9999999999999999999999999999999": false, "1e-40": true, "1e-41": false, "0e9999": true,
		`"1.5"`: false, "true": false, "null": true, "1e999999999": false,
	} {
		_, err := result.ParseNumber([]byte(lit))
		if (err == nil) != ok {
			t.Errorf("ParseNumber(%s): err %v, want ok %v", lit, err, ok)
		}
	}
}
