package importer

import (
	"testing"

	"github.com/hybridadvisor/hybridadvisor/advisor/internal/fuzzcap"
)

// TestMain caps the fuzzer's minimisation at 5 s (see fuzzcap). The one
// TestMain of this package's tests: the readers' tests share it.
func TestMain(m *testing.M) { fuzzcap.Main(m) }
