package importer

import (
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// cronRunsPerMonth estimates how often a Kubernetes CronJob schedule (five
// fields, or @hourly/@daily/@weekly/@monthly/@yearly) runs in a 730-hour
// month: runs a day times the days it runs on. ok is false for a schedule it
// cannot read; the caller then leaves the traffic placeholder.
func cronRunsPerMonth(spec string) (decimal.Decimal, bool) {
	spec = strings.TrimSpace(spec)
	if strings.HasPrefix(spec, "CRON_TZ=") || strings.HasPrefix(spec, "TZ=") {
		if _, rest, ok := strings.Cut(spec, " "); ok {
			spec = strings.TrimSpace(rest)
		}
	}
	switch spec {
	case "@hourly":
		spec = "0 * * * *"
	case "@daily", "@midnight":
		spec = "0 0 * * *"
	case "@weekly":
		spec = "0 0 * * 0"
	case "@monthly":
		spec = "0 0 1 * *"
	case "@yearly", "@annually":
		spec = "0 0 1 1 *"
	}
	f := strings.Fields(spec)
	if len(f) != 5 {
		return decimal.Zero, false
	}
	minutes, ok1 := cronCount(f[0], 0, 59)
	hours, ok2 := cronCount(f[1], 0, 23)
	dom, ok3 := cronCount(f[2], 1, 31)
	months, ok4 := cronCount(f[3], 1, 12)
	dow, ok5 := cronCount(f[4], 0, 7)
	if !(ok1 && ok2 && ok3 && ok4 && ok5) {
		return decimal.Zero, false
	}
	daysInMonth := decimal.RequireFromString("30.416667") // 730 h / 24
	var days decimal.Decimal
	switch {
	case f[2] == "*" && f[4] == "*":
		days = daysInMonth
	case f[4] == "*":
		days = decimal.NewFromInt(int64(dom))
	case f[2] == "*":
		days = decimal.NewFromInt(int64(min(dow, 7))).Mul(daysInMonth).Div(decimal.NewFromInt(7))
	default: // either matches, as cron does
		days = decimal.NewFromInt(int64(dom)).Add(decimal.NewFromInt(int64(min(dow, 7))).Mul(daysInMonth).Div(decimal.NewFromInt(7)))
	}
	runs := decimal.NewFromInt(int64(minutes * hours)).Mul(days).Mul(decimal.NewFromInt(int64(months))).Div(decimal.NewFromInt(12))
	return runs.Round(0), runs.Round(0).IsPositive()
}

// cronCount is how many values a cron field selects within [lo, hi]: *, n,
// a-b, lists and /step; names (MON, JAN) are not read.
func cronCount(field string, lo, hi int) (int, bool) {
	seen := map[int]bool{}
	for _, part := range strings.Split(field, ",") {
		rng, step := part, 1
		if r, s, ok := strings.Cut(part, "/"); ok {
			n, err := strconv.Atoi(s)
			if err != nil || n <= 0 {
				return 0, false
			}
			rng, step = r, n
		}
		from, to := lo, hi
		switch {
		case rng == "*" || rng == "?":
		case strings.Contains(rng, "-"):
			a, b, _ := strings.Cut(rng, "-")
			x, err1 := strconv.Atoi(a)
			y, err2 := strconv.Atoi(b)
			if err1 != nil || err2 != nil || x > y {
				return 0, false
			}
			from, to = x, y
		default:
			x, err := strconv.Atoi(rng)
			if err != nil {
				return 0, false
			}
			from, to = x, x
			if step > 1 {
				to = hi
			}
		}
		if from < lo || to > hi {
			return 0, false
		}
		for v := from; v <= to; v += step {
			seen[v] = true
		}
	}
	if hi == 7 && seen[0] && seen[7] {
		return len(seen) - 1, true // Sunday twice
	}
	return len(seen), len(seen) > 0
}
