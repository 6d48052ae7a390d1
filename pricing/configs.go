package pricing

// config is the instance configuration a pricer priced at its last usages
// call: what the platform is asked to run. Tests check it against the
// platform's rules (configValid).
type config struct {
	cpu, mem        dec // vCPU and GiB (GB for Flex) per instance
	concurrency     int
	instanceBilling bool
	sizeMB          int // Flex instance size
}

// chosenConfig returns the configuration pr priced; false for platforms whose
// configuration is not constrained here (Lambda, EKS, AKS, Premium plans).
func chosenConfig(pr pricer) (config, bool) {
	switch p := pr.(type) {
	case *runPricer:
		q := p
		if p.lastAlt {
			q = p.alt
		}
		return config{cpu: q.cpu, mem: q.mem, concurrency: q.concurrency, instanceBilling: q.lastMode == "instance"}, !q.job
	case *runMode:
		return chosenConfig(p.p)
	case *acaPricer:
		return config{cpu: p.cpu, mem: p.mem, concurrency: p.concurrency}, true
	case *autopilotPricer:
		return config{cpu: p.cpu, mem: p.mem, concurrency: p.concurrency}, true
	case *flexPricer:
		return config{sizeMB: p.sizeMB, concurrency: p.concurrency}, true
	case *fargatePricer:
		return config{cpu: p.cpu, mem: p.mem, concurrency: p.concurrency}, true
	}
	return config{}, false
}

// configValid reports whether the platform accepts c (legacy: Autopilot
// clusters without bursting).
func configValid(platformID string, c config, legacy bool) bool {
	switch platformID {
	case "gcp-cloud-run", "gcp-cloud-run-functions":
		return runConfigValid(c.cpu, c.mem, c.concurrency, c.instanceBilling)
	case "azure-container-apps":
		steps := c.cpu.Div(quarter)
		return steps.IsInteger() && c.cpu.GreaterThanOrEqual(quarter) && c.cpu.LessThanOrEqual(decInt(4)) && c.mem.Equal(c.cpu.Mul(decInt(2)))
	case "gcp-gke-autopilot":
		ratio := c.mem.DivRound(c.cpu, 12)
		if ratio.LessThan(xOne) || ratio.GreaterThan(maxMemRatio) {
			return false
		}
		if legacy {
			return c.cpu.Div(quarter).IsInteger() && c.cpu.GreaterThanOrEqual(quarter) && c.mem.GreaterThanOrEqual(half)
		}
		return c.cpu.GreaterThanOrEqual(autopilotMinCPU) && c.mem.GreaterThanOrEqual(autopilotMinMem)
	case "azure-functions-flex":
		for _, s := range flexSizes {
			if s == c.sizeMB {
				return true
			}
		}
		return false
	case "aws-fargate":
		for _, s := range fargateSizes {
			if !s.cpu.Equal(c.cpu) {
				continue
			}
			if s.memChoice != nil {
				for _, m := range s.memChoice {
					if m.Equal(c.mem) {
						return true
					}
				}
				return false
			}
			return c.mem.GreaterThanOrEqual(s.memMin) && c.mem.LessThanOrEqual(s.memMax) && c.mem.Sub(s.memMin).Div(s.memStep).IsInteger()
		}
		return false
	}
	return true
}
