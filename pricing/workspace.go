package pricing

import (
	"sync"

	"github.com/shopspring/decimal"
)

// workspace is the scratch memory of one PriceAll or BreakEven call: the
// traffic shape, the prepared calculators and the search's state. None of it
// is part of a result, so it is pooled and reused instead of being allocated
// (and collected) on every call.
type workspace struct {
	w   Workload
	sh  shape
	ctx calcCtx
	tb  text
	us  []usage

	lambda  lambdaPricer
	fargate fargatePricer
	k8s     [2]k8sPricer // aws-eks, azure-aks
	flex    flexPricer
	premium premiumPricer
	aca     acaPricer
	run     [2]runPricer // gcp-cloud-run-functions, gcp-cloud-run
	runAlt  [2]runPricer // their below-1-vCPU candidates
	auto    autopilotPricer

	fns, ctrs side       // break-even sides
	chasers   []chaser   // break-even chases, one per curve of the other side
	modes     [2]runMode // Cloud Run's billing modes as break-even curves
	evals     int
	gen       uint64 // the calculation's generation in the wide store
	decs      decCache
}

// decCache shares the decimal.Decimal of equal one-word values within one
// calculation (decimals are immutable), saving their two allocations each.
type decCache struct {
	gen  uint32
	keys [64]xd
	gens [64]uint32
	vals [64]decimal.Decimal
}

func (dc *decCache) reset() {
	if dc.gen++; dc.gen == 0 { // wrapped: forget everything
		dc.gens = [64]uint32{}
		dc.gen = 1
	}
}

func (dc *decCache) get(x xd) decimal.Decimal {
	if !x.small() {
		return x.dec()
	}
	h := (x.m.lo*0x9E3779B97F4A7C15 ^ x.meta*0xC2B2AE3D27D4EB4F) >> 58
	for i := range uint64(4) {
		j := (h + i) & 63
		if dc.gens[j] != dc.gen {
			d := x.dec()
			dc.keys[j], dc.gens[j], dc.vals[j] = x, dc.gen, d
			return d
		}
		if dc.keys[j] == x {
			return dc.vals[j]
		}
	}
	return x.dec()
}

var workspaces = sync.Pool{New: func() any { return new(workspace) }}

// getWorkspace returns a workspace holding a copy of w, its shape under s and
// a calculator context for them.
func getWorkspace(w *Workload, s Settings) *workspace {
	ws := workspaces.Get().(*workspace)
	ws.gen = beginCalc()
	ws.w = *w
	ws.sh.init(&ws.w, s)
	ws.ctx = calcCtx{sh: &ws.sh, w: &ws.w, s: s, ws: ws}
	ws.tb.b = ws.tb.b[:0]
	if ws.us == nil {
		ws.us = make([]usage, 0, 12)
	}
	ws.evals = 0
	ws.decs.reset()
	return ws
}

// putWorkspace returns ws to the pool, dropping what it refers to outside itself.
func putWorkspace(ws *workspace) {
	ws.w = Workload{}
	ws.ctx = calcCtx{}
	clear(ws.decs.vals[:]) // let the results' decimals and sentences go
	ws.tb.common = [3]string{}
	ws.fns.release()
	ws.ctrs.release()
	for i := range ws.chasers {
		ws.chasers[i].b.release()
	}
	ws.modes = [2]runMode{}
	endCalc(ws.gen)
	workspaces.Put(ws)
}

// The calculators' storage: the workspace's when there is one, else new.

func (c *calcCtx) lambdaPricer() *lambdaPricer {
	if c.ws != nil {
		return &c.ws.lambda
	}
	return new(lambdaPricer)
}

func (c *calcCtx) fargatePricer() *fargatePricer {
	if c.ws != nil {
		return &c.ws.fargate
	}
	return new(fargatePricer)
}

func (c *calcCtx) k8sPricer() *k8sPricer {
	if c.ws != nil {
		if c.p.Cloud == "azure" {
			return &c.ws.k8s[1]
		}
		return &c.ws.k8s[0]
	}
	return new(k8sPricer)
}

func (c *calcCtx) flexPricer() *flexPricer {
	if c.ws != nil {
		return &c.ws.flex
	}
	return new(flexPricer)
}

func (c *calcCtx) premiumPricer() *premiumPricer {
	if c.ws != nil {
		return &c.ws.premium
	}
	return new(premiumPricer)
}

func (c *calcCtx) acaPricer() *acaPricer {
	if c.ws != nil {
		return &c.ws.aca
	}
	return new(acaPricer)
}

func (c *calcCtx) runPricer(instanceBilling bool) *runPricer {
	if c.ws != nil {
		if instanceBilling {
			return &c.ws.run[1]
		}
		return &c.ws.run[0]
	}
	return new(runPricer)
}

func (c *calcCtx) runAltPricer(instanceBilling bool) *runPricer {
	if c.ws != nil {
		if instanceBilling {
			return &c.ws.runAlt[1]
		}
		return &c.ws.runAlt[0]
	}
	return new(runPricer)
}

func (c *calcCtx) autopilotPricer() *autopilotPricer {
	if c.ws != nil {
		return &c.ws.auto
	}
	return new(autopilotPricer)
}
