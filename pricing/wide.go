package pricing

import (
	"math/big"
	"sync"
)

// The wide store keeps the coefficients of the rare xd values that do not fit
// 192 bits, so that xd itself holds no pointer (it is passed in registers and
// stored without write barriers). An xd refers to its coefficient by id:
// generation << 32 | index.
//
// Coefficients are reclaimed by generation, as in epoch-based reclamation:
// every calculation (PriceAll, Price, Glue, BreakEven, ArchitectureTotal)
// registers the generation current when it starts; a wide value goes into
// the current generation's table; a table is dropped once no running
// calculation started at or before its generation, since only calculations
// running when a value was made can hold it (results are decimal.Decimal;
// workspaces are reset before reuse). Generation 0 is permanent: it takes
// values made outside any calculation (the price tables, tests calling
// internals). A calculation starting while the current table holds values
// opens a new generation, so tables are not pinned by later calculations.
var wideStore struct {
	mu     sync.Mutex
	gen    uint64                // current generation, >= 1
	tables map[uint64][]*big.Int // generation -> coefficients
	active map[uint64]int        // generation -> calculations that started in it and still run
	busy   int                   // calculations running
}

// beginCalc registers a calculation and returns its generation for endCalc.
func beginCalc() uint64 {
	ws := &wideStore
	ws.mu.Lock()
	if ws.gen == 0 {
		ws.gen = 1
		ws.tables = map[uint64][]*big.Int{}
		ws.active = map[uint64]int{}
	}
	if len(ws.tables[ws.gen]) > 0 {
		ws.gen++
	}
	g := ws.gen
	ws.active[g]++
	ws.busy++
	ws.mu.Unlock()
	return g
}

// endCalc ends a calculation begun in generation g and drops the tables no
// running calculation can refer to.
func endCalc(g uint64) {
	ws := &wideStore
	ws.mu.Lock()
	if ws.active[g]--; ws.active[g] <= 0 {
		delete(ws.active, g)
	}
	ws.busy--
	if len(ws.tables) > 0 {
		oldest := ^uint64(0)
		for a := range ws.active {
			oldest = min(oldest, a)
		}
		for t := range ws.tables {
			if t != 0 && t < oldest {
				delete(ws.tables, t)
			}
		}
	}
	ws.mu.Unlock()
}

// storeWide keeps v (which the caller must not change) and returns v × 10^exp.
func storeWide(v *big.Int, exp int32) xd { return storeWideIn(v, exp, false) }

// storeWideIn is storeWide; with keep set the value is kept for good (for the
// price tables, which outlive any calculation).
func storeWideIn(v *big.Int, exp int32, keep bool) xd {
	ws := &wideStore
	ws.mu.Lock()
	if ws.gen == 0 {
		ws.gen = 1
		ws.tables = map[uint64][]*big.Int{}
		ws.active = map[uint64]int{}
	}
	g := ws.gen
	if keep || ws.busy == 0 {
		g = 0 // outside any calculation: keep it for good
	}
	t := ws.tables[g]
	id := g<<32 | uint64(len(t))
	ws.tables[g] = append(t, v)
	ws.mu.Unlock()
	return xd{m: u192{lo: id}, meta: uint64(uint32(exp)) | wideFlag}
}

// loadWide returns the coefficient of a wide value (not to be changed).
func loadWide(x xd) *big.Int {
	ws := &wideStore
	ws.mu.Lock()
	v := ws.tables[x.m.lo>>32][uint32(x.m.lo)]
	ws.mu.Unlock()
	return v
}
