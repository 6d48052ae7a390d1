package decide

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/shopspring/decimal"
	"gopkg.in/yaml.v3"

	"github.com/hybridadvisor/hybridadvisor/data"
	"github.com/hybridadvisor/hybridadvisor/pricing"
)

// Data returns the document mounted at data.hybridadvisor: the platform catalogue,
// the dated platform limits, the decision weights, an index derived from the
// first two and the security rules' dated facts. See docs/rego-contract.md.
func Data() (map[string]any, error) {
	limits, err := readYAML("limits.yaml")
	if err != nil {
		return nil, err
	}
	weights, err := readYAML("weights.yaml")
	if err != nil {
		return nil, err
	}
	security, err := readYAML("security.yaml")
	if err != nil {
		return nil, err
	}
	platforms := map[string]any{}
	for _, p := range pricing.Platforms {
		platforms[p.ID] = map[string]any{"cloud": p.Cloud, "model": p.Model, "name": p.Name}
	}
	index, err := buildIndex(limits, functionMax(weights))
	if err != nil {
		return nil, err
	}
	return map[string]any{"hybridadvisor": map[string]any{
		"platforms": platforms,
		"limits":    limits,
		"weights":   weights,
		"index":     index,
		// the security rules' thresholds and deprecated runtimes
		"security_facts": security,
	}}, nil
}

// buildIndex derives, once per process, the lookups the decision rules would
// otherwise recompute for every component (policies/decision/helpers.rego) and the arbitration (this package):
//
//	clouds                      the catalogue's clouds, sorted
//	by_cloud[cloud]             platform IDs of a cloud, sorted
//	by_model[model]             platform IDs of a model, sorted
//	cells[cloud][model]         platform IDs of a model on a cloud, sorted (the arbitration's)
//	fit[class]                  per trigger class (http, event, job), the floors fits_everywhere
//	                            compares with: max_ms (the timeout's, for http also the tightest
//	                            API Gateway limit's) and payload_kb (payload_sync_kb for http,
//	                            else payload_async_kb)
//	floor_ms[limit]             for each *_timeout_s limit: its floor in milliseconds, as
//	                            durations are (saves the rules a multiplication)
//	floor[limit]                the smallest numeric value of a limit over every platform:
//	                            a component at or below it exceeds no platform's limit
//	everywhere[limit]           for list limits (os, arch, deploys): the values every platform accepts
//	lacking[limit]              for capability limits: the platforms whose value is false
//	fn_timeouts[limit]          for each *_timeout_s limit: [[seconds, platform], ...] of the function
//	                            platforms with a finite value, tightest first (then by ID); and
//	                            http_api_gateway: their synchronous HTTP limits behind API Gateway
//	                            (http_api_gateway_timeout_s where finite, else http_timeout_s)
//	gateway_limited             the function platforms with a finite http_api_gateway_timeout_s
//	code_only                   the platforms whose deploys list lacks image, sorted (E-IMAGE)
//	cloud_bounds[limit][cloud]  for http_timeout_s, http_api_gateway, event_timeout_s and
//	                            job_timeout_s: how D-STATELESS-SHORT and D-LONG-RUNNING judge a
//	                            cloud: min_ms and max_ms, the tightest and the loosest of its
//	                            function platforms' timeouts each capped at
//	                            weights.thresholds.function_max_s (which also stands for a
//	                            platform without one), and the phrases their messages print
//
// Nothing here is a new fact: it is limits.yaml and pricing.Platforms rearranged.
func buildIndex(limits any, fnMax json.Number) (map[string]any, error) {
	byCloud := map[string][]string{}
	byModel := map[string][]string{}
	cells := map[string]map[string][]string{}
	for _, p := range pricing.Platforms {
		byCloud[p.Cloud] = append(byCloud[p.Cloud], p.ID)
		byModel[p.Model] = append(byModel[p.Model], p.ID)
		if cells[p.Cloud] == nil {
			cells[p.Cloud] = map[string][]string{}
		}
		cells[p.Cloud][p.Model] = append(cells[p.Cloud][p.Model], p.ID)
	}
	clouds := make([]string, 0, len(byCloud))
	for c, ids := range byCloud {
		clouds = append(clouds, c)
		sort.Strings(ids)
		for _, ids := range cells[c] {
			sort.Strings(ids)
		}
	}
	sort.Strings(clouds)
	for _, ids := range byModel {
		sort.Strings(ids)
	}

	lm, _ := limits.(map[string]any)
	plats, ok := lm["platforms"].(map[string]any)
	if !ok {
		return nil, fmt.Errorf("data/limits.yaml: platforms is not a map")
	}
	floor := map[string]json.Number{}
	floorF := map[string]float64{}
	lacking := map[string][]string{}
	lists := map[string]map[string]int{} // limit -> value -> platforms accepting it
	listed := map[string]int{}           // limit -> platforms giving a list
	for id, pv := range plats {
		entries, ok := pv.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("data/limits.yaml: platform %s is not a map", id)
		}
		for key, ev := range entries {
			e, _ := ev.(map[string]any)
			switch v := e["value"].(type) {
			case json.Number:
				f, err := v.Float64()
				if err != nil {
					return nil, fmt.Errorf("data/limits.yaml: %s.%s: %w", id, key, err)
				}
				if cur, seen := floorF[key]; !seen || f < cur {
					floorF[key], floor[key] = f, v
				}
			case bool:
				if lacking[key] == nil {
					lacking[key] = []string{}
				}
				if !v {
					lacking[key] = append(lacking[key], id)
				}
			case []any:
				listed[key]++
				if lists[key] == nil {
					lists[key] = map[string]int{}
				}
				for _, x := range v {
					if s, ok := x.(string); ok {
						lists[key][s]++
					}
				}
			}
		}
	}
	for _, ids := range lacking {
		sort.Strings(ids)
	}
	codeOnly := []string{}
	for id, pv := range plats {
		deploys, _ := pv.(map[string]any)["deploys"].(map[string]any)
		values, _ := deploys["value"].([]any)
		if !slices.Contains(values, any("image")) {
			codeOnly = append(codeOnly, id)
		}
	}
	sort.Strings(codeOnly)
	// fnTimeouts[key] lists the function platforms' finite values of the first of keys each has
	fnTimeouts := map[string][][2]any{}
	gatewayLimited := []string{}
	for key, keys := range map[string][]string{
		"http_timeout_s": {"http_timeout_s"}, "event_timeout_s": {"event_timeout_s"}, "job_timeout_s": {"job_timeout_s"}, "gpu_timeout_s": {"gpu_timeout_s"},
		// behind API Gateway: its limit where the platform has one (http_limit in eligibility.rego)
		"http_api_gateway": {"http_api_gateway_timeout_s", "http_timeout_s"},
	} {
		type lim struct {
			v  float64
			n  json.Number
			id string
		}
		var ls []lim
		for _, id := range byModel[pricing.Function] {
			e, _ := plats[id].(map[string]any)
			for _, k := range keys {
				entry, _ := e[k].(map[string]any)
				if n, ok := entry["value"].(json.Number); ok {
					f, err := n.Float64()
					if err != nil {
						return nil, fmt.Errorf("data/limits.yaml: %s.%s: %w", id, k, err)
					}
					ls = append(ls, lim{f, n, id})
					if k == "http_api_gateway_timeout_s" {
						gatewayLimited = append(gatewayLimited, id)
					}
					break
				}
			}
		}
		sort.Slice(ls, func(i, j int) bool {
			if ls[i].v != ls[j].v {
				return ls[i].v < ls[j].v
			}
			return ls[i].id < ls[j].id
		})
		fnTimeouts[key] = [][2]any{}
		for _, l := range ls {
			fnTimeouts[key] = append(fnTimeouts[key], [2]any{l.n, l.id})
		}
	}
	sort.Strings(gatewayLimited)
	everywhere := map[string][]string{}
	for key, counts := range lists {
		all := []string{}
		for v, n := range counts {
			if n == len(plats) && listed[key] == len(plats) {
				all = append(all, v)
			}
		}
		sort.Strings(all)
		everywhere[key] = all
	}
	floorMS := map[string]json.Number{}
	for key := range floorF {
		if strings.HasSuffix(key, "_timeout_s") {
			d, err := decimal.NewFromString(floor[key].String())
			if err != nil {
				return nil, fmt.Errorf("data/limits.yaml: %s: %w", key, err)
			}
			floorMS[key] = json.Number(d.Shift(3).String())
		}
	}
	// fit[trigger class]: the floors fits_everywhere compares a component of that class with
	fit := map[string]map[string]json.Number{"http": {}, "event": {}, "job": {}}
	for class, keys := range map[string][2]string{"http": {"http_timeout_s", "payload_sync_kb"}, "event": {"event_timeout_s", "payload_async_kb"}, "job": {"job_timeout_s", "payload_async_kb"}} {
		if ms, ok := floorMS[keys[0]]; ok {
			fit[class]["max_ms"] = ms
			// an HTTP request must also fit the tightest API Gateway limit
			if gw, ok := floorMS["http_api_gateway_timeout_s"]; ok && class == "http" {
				a, _ := decimal.NewFromString(string(ms))
				b, _ := decimal.NewFromString(string(gw))
				if b.LessThan(a) {
					fit[class]["max_ms"] = gw
				}
			}
		}
		if kb, ok := floor[keys[1]]; ok {
			fit[class]["payload_kb"] = kb
		}
	}
	cloudBounds, err := buildCloudBounds(fnTimeouts, cells, fnMax)
	if err != nil {
		return nil, err
	}
	return toJSONShape(map[string]any{
		"cloud_bounds":    cloudBounds,
		"floor_ms":        floorMS,
		"fit":             fit,
		"clouds":          clouds,
		"by_cloud":        byCloud,
		"by_model":        byModel,
		"cells":           cells,
		"floor":           floor,
		"everywhere":      everywhere,
		"fn_timeouts":     fnTimeouts,
		"gateway_limited": gatewayLimited,
		"lacking":         lacking,
		"code_only":       codeOnly,
	})
}

// toJSONShape round-trips v through JSON so the index has the same value types
// (map[string]any, []any, json.Number) as the YAML documents.
func toJSONShape(v any) (map[string]any, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var out map[string]any
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := dec.Decode(&out); err != nil {
		return nil, err
	}
	return out, nil
}

// readYAML decodes an embedded YAML file into JSON-shaped values (string keys,
// json.Number numbers) so OPA's converters take their fast paths.
func readYAML(name string) (any, error) {
	src, err := data.FS.ReadFile(name)
	if err != nil {
		return nil, err
	}
	var v any
	if err := yaml.Unmarshal(src, &v); err != nil {
		return nil, fmt.Errorf("data/%s: %w", name, err)
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("data/%s: %w", name, err)
	}
	var out any
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := dec.Decode(&out); err != nil {
		return nil, fmt.Errorf("data/%s: %w", name, err)
	}
	return out, nil
}

// functionMax is weights.thresholds.function_max_s (the source framework's "< 15 minutes" for
// functions); "" when it is missing, which leaves the per-cloud bounds uncapped.
func functionMax(weights any) json.Number {
	w, _ := weights.(map[string]any)
	t, _ := w["thresholds"].(map[string]any)
	n, _ := t["function_max_s"].(json.Number)
	return n
}

// buildCloudBounds derives index.cloud_bounds (see buildIndex) from fn_timeouts and the cells.
func buildCloudBounds(fnTimeouts map[string][][2]any, cells map[string]map[string][]string, fnMax json.Number) (map[string]any, error) {
	labels := map[string]string{"http_timeout_s": "synchronous HTTP", "http_api_gateway": "synchronous HTTP", "event_timeout_s": "event-driven", "job_timeout_s": "job"}
	dec := func(n json.Number) (decimal.Decimal, error) { return decimal.NewFromString(string(n)) }
	bound, hasBound := decimal.Zero, fnMax != ""
	if hasBound {
		var err error
		if bound, err = dec(fnMax); err != nil {
			return nil, fmt.Errorf("data/weights.yaml: thresholds.function_max_s: %w", err)
		}
	}
	out := map[string]any{}
	for key, label := range labels {
		own := map[string]json.Number{}
		for _, t := range fnTimeouts[key] {
			own[t[1].(string)] = t[0].(json.Number)
		}
		perCloud := map[string]any{}
		for cloud, byModel := range cells {
			fns := byModel[pricing.Function]
			if len(fns) == 0 {
				continue
			}
			type entry struct {
				v    decimal.Decimal
				text string // the limit as the rules print it (%v)
				id   string
				note string
			}
			var es []entry
			for _, id := range fns {
				lim, finite := own[id]
				switch {
				case finite && (!hasBound || !lessThan(bound, lim)):
					v, err := dec(lim)
					if err != nil {
						return nil, err
					}
					es = append(es, entry{v, string(lim), id, ""})
				case finite:
					es = append(es, entry{bound, string(fnMax), id, ", the framework's bound for functions; its own limit is " + string(lim) + " s"})
				case hasBound:
					es = append(es, entry{bound, string(fnMax), id, ", the framework's bound for functions; it has no limit of its own"})
				}
			}
			if len(es) == 0 {
				continue // no bound at all: neither rule can judge this cloud
			}
			sort.Slice(es, func(i, j int) bool {
				if !es[i].v.Equal(es[j].v) {
					return es[i].v.LessThan(es[j].v)
				}
				return es[i].id < es[j].id
			})
			listed := make([]string, len(es))
			for i, e := range es {
				listed[i] = e.id + " " + e.text + " s" + e.note
			}
			sort.Strings(listed)
			first, last := es[0], es[len(es)-1]
			perCloud[cloud] = map[string]any{
				"min_ms": json.Number(first.v.Shift(3).String()),
				"max_ms": json.Number(last.v.Shift(3).String()),
				"short":  "fit every " + label + " function timeout on " + cloud + " (tightest: " + first.id + ", " + first.text + " s" + first.note + ")",
				"long":   "exceeds the " + label + " timeout of every function platform on " + cloud + " (" + strings.Join(listed, "; ") + ")",
			}
		}
		out[key] = perCloud
	}
	// long_floor_ms[trigger class]: the least max_ms of any cloud for the class (both HTTP lists):
	// D-LONG-RUNNING cannot fire at or below it, so the rule stops there first
	floors := map[string]any{}
	for class, keys := range map[string][]string{"http": {"http_timeout_s", "http_api_gateway"}, "event": {"event_timeout_s"}, "job": {"job_timeout_s"}} {
		var least decimal.Decimal
		found := false
		for _, key := range keys {
			for _, b := range out[key].(map[string]any) {
				v, err := dec(b.(map[string]any)["max_ms"].(json.Number))
				if err != nil {
					return nil, err
				}
				if !found || v.LessThan(least) {
					least, found = v, true
				}
			}
		}
		if found {
			floors[class] = json.Number(least.String())
		}
	}
	out["long_floor_ms"] = floors
	return out, nil
}

// lessThan reports whether a < b for a decimal and a JSON number.
func lessThan(a decimal.Decimal, b json.Number) bool {
	d, err := decimal.NewFromString(string(b))
	return err == nil && a.LessThan(d)
}
