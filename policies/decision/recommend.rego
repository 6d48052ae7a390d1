# Per-cloud recommendation: the best-scoring model that has an eligible platform on the cloud,
# cost as the tie-breaker of close calls, then the cheapest eligible platform of that model.
package hybridadvisor.decision

# result is the document the engine queries: data.hybridadvisor.decision.result.
result := {
	"excluded": excluded,
	"preferences": preferences,
	"scores": scores,
	"cloud_rank_keys": rank_keys,
	"recommendation": recommendation,
}

# costs[p] is the monthly cost of every priced option (priced not false, a number). The engine
# passes it precomputed as input.costs (see docs/rego-contract.md, performance conventions).
costs := input.costs if {
	is_object(input.costs)
} else := {p: c |
	some p, o in object.get(input, "options", {})
	not o.priced == false
	c := o.monthly_cost_usd
	is_number(c)
}

# ranked[cloud][model] lists the eligible platforms of a model on a cloud: priced ones from the
# cheapest, then unpriced ones (a string sorts after every number); ties by platform ID. Absent
# when the model has none there. The engine passes it in its cost view (clean.ranked: sorting
# allocates per element in Rego); else most cells hold one platform (index.cells), so only the
# others are sorted.
ranked := clean.ranked if {
	count(clean.ranked) == count(clouds)
} else := {cloud: object.union(cells, object.get(multi_ranked, cloud, {})) |
	some cloud in clouds
	cells := object.get(index.cells, cloud, {})
} if {
	count(excluded) == 0
} else := {cloud: by_model |
	some cloud in clouds
	by_model := {model: platforms |
		some model, ids in object.get(index.cells, cloud, {})
		platforms := by_cost([p | some p in ids; not excluded[p]])
		count(platforms) > 0
	}
}

# multi_ranked[cloud][model] orders the cells that hold more than one platform by cost.
multi_ranked := {cloud: {model: by_cost(ids) | some model, ids in cells} | some cloud, cells in index.multi}

# by_cost(ids) orders platforms by monthly cost, unpriced ones last, ties by ID.
by_cost(ids) := [t[1] | some t in sort([[object.get(costs, p, "unpriced"), p] | some p in ids])]

# METADATA
# title: Container criteria carried to orchestrated containers
# description: >-
#   The serverless-container preferences (long-running, stateful, steady load, complex
#   dependencies, an existing image, ...) are reasons to run a container. On a cloud where no
#   serverless-container platform is eligible (a limit excluded every one), orchestrated
#   containers stand in for them: they take the serverless-container score when it is higher
#   than their own, and those preferences become their reasons. The work still wants a
#   container, not a function that happens to be allowed. Without this, a 50-minute transcode
#   with 40 GB of scratch disk went to Azure Functions Premium because Container Apps was
#   excluded.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/architecture/guide/technology-choices/compute-decision-tree
#     description: Containers on AKS when Container Apps limits do not fit
# custom:
#   id: D-CONTAINER-FALLBACK
#   kind: tie-break
#   source: design review of the embedded examples (pipeline transcode on Azure)
fallback := {cloud: s |
	s := scores["serverless-container"]
	s > scores["orchestrated-container"]
	some cloud, by_model in ranked
	not by_model["serverless-container"]
	by_model["orchestrated-container"]
}

# scores10 are the scores in tenths of a point: the cost term has one decimal, and Rego adds and
# compares small integers quickly (float arithmetic is its dearest step).
scores10 := {m: v | some m, s in scores; v := s * 10}

# fallback_scores[cloud][model] is each model's score in tenths on a cloud where the fallback
# above applies.
fallback_scores := {cloud: object.union(scores10, {"orchestrated-container": v}) | some cloud, s in fallback; v := s * 10}

# model_costs[cloud] lists [cost, platform, model] for the cheapest eligible priced platform of
# each model on the cloud, cheapest first (ties by platform ID). Models without an eligible priced
# platform are not in it: an unknown price never takes part in a cost comparison.
model_costs := clean.model_costs if {
	clean
} else := {cloud: list |
	some cloud, by_model in ranked
	list := object.get(clean_view, [cloud, "costs"], sort([[costs[ps[0]], ps[0], m] | some m, ps in by_model; costs[ps[0]]]))
}

# clean is the engine's precomputed cost view (policies.CostView) for the options that are
# eligible: every option when nothing is excluded, else its image variant when the exclusions are
# exactly the code-only platforms an image rules out (E-IMAGE). It holds what the cost rules below
# conclude (model_costs, terms and, per cloud, the D-COST and D-PLATFORM sentences).
clean := input.cost_view if {
	count(excluded) == 0
	is_object(input.cost_view.clouds)
} else := input.cost_view.image if {
	is_object(input.cost_view.image)
	object.keys(excluded) == object.keys(image_exclusions)
}

# clean_view[cloud] is clean's view of a cloud; with other exclusions, the engine's view of each
# cloud where none of the platforms it lists is excluded (an exclusion elsewhere changes nothing).
clean_view := clean.clouds if {
	clean
} else := {cloud: v |
	some cloud, v in input.cost_view.clouds
	every e in v.costs {
		not excluded[e[1]]
	}
}

# clean_terms: the precomputed cost terms apply (no hard need narrows the comparison).
clean_terms if cost_min_index == 0

hard_needs := weights.cost.hard_needs

# cost_min_index: a hard need of a container model (stateful, long-lived connections, ...) leaves
# the models before it in weights.model_order out of the cost comparison: a cheaper function does
# not count against containers when the work needs a container.
default cost_min_index := 0

cost_min_index := max([model_index[t[2]] | some t in ranked_preferences; t[1] in hard_needs])

# cost_view holds the numbers and phrases of the cost comparison (keys, weights, usd, relations:
# see policies.CostView), which the engine precomputes as input.cost_view because float arithmetic
# is the dearest step in Rego; derived here when the input has none (with the same formulas).
cost_view := input.cost_view if {
	is_object(input.cost_view)
} else := {"keys": keys, "weights": pair_weights, "usd": usd, "relations": relations} if {
	keys := {p: cost_key(p, c) | some p, c in costs}
	pair_weights := {p: ws |
		some p, kp in keys
		ws := {q: t | some q, kq in keys; same_cloud(p, q); t := cost_term(kp, kq); t > 0}
		count(ws) > 0
	}
	usd := {p: fmt_usd(c) | some p, c in costs}
	relations := {p: {q: relation(c, cq) | some q, cq in costs; same_cloud(p, q)} | some p, c in costs}
}

same_cloud(p, q) if {
	p != q
	catalogue[p].cloud == catalogue[q].cloud
}

# cost_key(p, c) is the cost platform p is compared at: orchestrated containers at their price plus
# weights.cost.orchestration_usd, as the per-pod price leaves out running the cluster (upgrades,
# node pools, add-ons), which only pays off when the saving is larger than a small service's bill.
cost_key(p, c) := c + weights.cost.orchestration_usd if {
	catalogue[p].model == "orchestrated-container"
} else := c

# cost_term(c, f) is weights.cost.weight x (c - f) / (c + f) x min(1, (c - f) /
# weights.cost.full_gap_usd) in tenths of a point, rounded: what cost takes from a model compared at c when the
# cheapest is at f.
cost_term(c, f) := round((((weights.cost.weight * gap) / (c + f)) * min([1, gap / weights.cost.full_gap_usd])) * 10) if {
	c > f
	gap := c - f
}

# cost_compared[cloud] lists [key, platform, model] for the models of model_costs that the cost
# term compares, cheapest key first.
cost_compared := {cloud: sort([[cost_view.keys[x[1]], x[1], x[2]] | some x in list; model_index[x[2]] >= cost_min_index]) |
	some cloud, list in model_costs
}

# cost_terms[cloud][model] is what cost takes from a model's score on the cloud, in tenths of a
# point (see D-COST): the precomputed weight of its cheapest platform against the cheapest
# compared model's.
cost_terms := clean.terms if {
	clean
	clean_terms
} else := {cloud: terms |
	some cloud, list in cost_compared
	count(list) > 1
	f := list[0][1]
	terms := {e[2]: w | some e in list; w := cost_view.weights[e[1]][f]}
	count(terms) > 0
}

# rank_keys[cloud][model] is each model's score on a cloud negated, in tenths of a point: the
# cost term minus the preferences' score (with the container fallback). Lower ranks first, so
# that sorting needs no further arithmetic. (Output as cloud_rank_keys; the engine turns them
# into the result's cloud_scores.)
rank_keys := {cloud: {m: v | some m, b in scores10; v := t[m] - b} | some cloud, t in clean.rank_terms} if {
	# the usual case: the engine's terms per cloud, 0 included, and no fallback
	clean_terms
	count(fallback) == 0
	count(clean.rank_terms) == count(clouds)
} else := {cloud: k |
	some cloud in clouds
	base := object.get(fallback_scores, cloud, scores10)
	terms := object.get(cost_terms, cloud, {})
	k := {m: v | some m, b in base; v := object.get(terms, m, 0) - b}
}

# cloud_scores[cloud][model] is each model's score on a cloud, in tenths of a point (for tests and
# messages; the rules rank by rank_keys).
cloud_scores := {cloud: {m: v | some m, x in k; v := 0 - x} | some cloud, k in rank_keys}

# model_rank[cloud] lists the models with an eligible platform on the cloud, best first: highest
# score on the cloud, then weights.model_order.
model_rank := {cloud: [t[2] | some t in sort([[k[m], i, m] | some i, m in models; by_model[m]])] |
	some cloud, by_model in ranked
	k := rank_keys[cloud]
}

margin10 := weights.close_call_margin * 10

# clear_lead is the model with the best preferences' score when it leads the second by more than
# the close-call margin plus the most the cost term takes from it on any cloud (clean.setback) and
# it has an eligible platform on every cloud: it then ranks first everywhere with no close call or
# tie, so no cloud needs ranking (the usual case).
clear_lead := lead if {
	clean_terms
	count(fallback) == 0
	[[_, _, lead], [_, _, second]] := array.slice(sort([[0 - s, i, m] | some i, m in models; s := scores10[m]]), 0, 2)
	scores10[lead] - scores10[second] > margin10 + clean.setback[lead]
	every by_model in ranked {
		by_model[lead]
	}
}

# close_call[cloud] holds the top two models when their scores are within the margin and both
# have an eligible priced platform on the cloud.
close_call := {} if {
	clear_lead
} else := {cloud: {"top": a, "other": b, "top_cost": ca, "other_cost": cb} |
	some cloud, order in model_rank
	[a, b] := array.slice(order, 0, 2)
	k := rank_keys[cloud]
	k[b] - k[a] <= margin10
	ca := costs[ranked[cloud][a][0]]
	cb := costs[ranked[cloud][b][0]]
}

# chosen[cloud] is the recommended model: the cheaper of a close call, else the best ranked.
chosen := {cloud: clear_lead | some cloud, _ in ranked} if {
	clear_lead
} else := object.union(
	{cloud: order[0] | some cloud, order in model_rank; count(order) > 0},
	{cloud: cc.other | some cloud, cc in close_call; cc.other_cost < cc.top_cost},
)

# recommendation[cloud] is the model, platform and reasons of every evaluated cloud: the model's
# preferences (or the fallback's), the exclusions that ruled out a better-ranked model, a
# tie-break, the cost comparison (D-COST) and the platform (D-PLATFORM).
recommendation := {cloud: {"model": m, "platform": ranked[cloud][m][0], "reasons": array.concat(chosen_reasons[m], [
	{"rule": "D-COST", "message": object.get(cost_specials, cloud, v.sentences[m])},
	{"rule": "D-PLATFORM", "message": v.platforms[m]},
])} |
	# the usual case in one pass (see simple_case): the engine worded D-COST and D-PLATFORM
	some cloud, m in chosen
	v := clean_view[cloud]
} if {
	simple_case
} else := object.union(
	{cloud: {"model": m, "platform": ps[0], "reasons": reasons} |
		some cloud, m in chosen
		ps := ranked[cloud][m]
		reasons := array.concat(
			array.concat(object.get(fallback_reasons, cloud, reasons_by_model[m]), object.get(skipped_reasons, cloud, [])),
			array.concat(object.get(close_call_reasons, cloud, []), [platform_line(cloud, m, ps)]),
		)
	},
	{cloud: none_recommendation(cloud) | some cloud in clouds; not chosen[cloud]},
)

# simple_case: nothing is excluded, no fallback or tie applies and the engine's per-cloud cost
# view holds a D-COST sentence for the model chosen on every cloud (the usual case): each
# recommendation is then its model's preferences, D-COST and D-PLATFORM.
simple_case if {
	count(excluded) == 0
	count(fallback) == 0
	count(tie_reasons) == 0
	count(chosen) == count(clouds)
	clean_terms
	count(arch_notes) == 0
	every cloud, m in chosen {
		clean_view[cloud].sentences[m]
		clean_view[cloud].platforms[m]
	}
}

# cost_specials[cloud] is the D-COST message of a cloud where a close call or a premium adds to the
# engine's sentence.
cost_specials := {} if {
	count(close_clauses) == 0
	count(premium_clauses) == 0
} else := {cloud: concat("", [object.get(close_clauses, cloud, ""), clean_view[cloud].sentences[m], object.get(premium_clauses, cloud, "")]) |
	some cloud in (object.keys(close_clauses) | object.keys(premium_clauses))
	m := chosen[cloud]
}

# platform_line is the D-PLATFORM reason, written inline for the usual cases (one or two priced
# platforms: function calls and else chains cost more than the sentence).
platform_line(cloud, m, ps) := {"rule": "D-PLATFORM", "message": msg} if {
	count(arch_notes) == 0
	msg := clean_view[cloud].platforms[m]
} else := {"rule": "D-PLATFORM", "message": msg} if {
	count(ps) == 1
	msg := sprintf("%s is the only eligible %s platform on %s, at %s/month%s", [ps[0], m, cloud, cost_view.usd[ps[0]], object.get(arch_notes, ps[0], "")])
} else := {"rule": "D-PLATFORM", "message": msg} if {
	msg := sprintf("%s is the cheapest eligible %s platform on %s at %s/month (next: %s, %s/month)%s", [ps[0], m, cloud, cost_view.usd[ps[0]], ps[1], cost_view.usd[ps[1]], object.get(arch_notes, ps[0], "")])
} else := platform_reason(cloud, m, ps)

# chosen_reasons[m] are reasons_by_model[m] for the chosen models: with a clear lead, only the
# lead's are gathered.
chosen_reasons := {lead: [{"rule": t[1], "message": t[3]} | some t in ranked_preferences; t[2] == lead]} if {
	lead := clear_lead
} else := reasons_by_model

# reasons_by_model[m] are the preferences that fired for model m, heaviest first.
reasons_by_model := {m: [{"rule": t[1], "message": t[3]} | some t in ranked_preferences; t[2] == m] | some m in models}

# fallback_reasons[cloud]: where orchestrated containers were chosen thanks to the fallback, the
# preferences of both container models, heaviest first, and a D-CONTAINER-FALLBACK line.
fallback_reasons := {cloud: array.concat(prefs, [{"rule": "D-CONTAINER-FALLBACK", "message": msg}]) |
	some cloud, s in fallback
	m := chosen[cloud]
	m == "orchestrated-container"
	prefs := [{"rule": t[1], "message": t[3]} | some t in ranked_preferences; t[2] in {m, "serverless-container"}]
	msg := sprintf(
		"no serverless-container platform is eligible on %s, so orchestrated containers stand in for serverless containers and take their score, %v (the container criteria above), instead of their own %v",
		[cloud, s, scores[m]],
	)
}

# skipped_reasons[cloud] are the exclusions that ruled out a better-ranked model on the cloud,
# sorted by platform, rule and message (absent when there are none).
skipped_reasons := {cloud: reasons |
	count(excluded) > 0
	some cloud, m in chosen
	reasons := [{"rule": t[1], "message": t[2]} |
		some t in sort([[p, x.rule, x.message] |
			some model, ids in index.cells[cloud]
			not ranked[cloud][model]
			ranks_above(cloud, model, m)
			some p in ids
			some x in excluded[p]
		])
	]
	count(reasons) > 0
}

# ranks_above(cloud, a, b) is true when model a would be preferred to model b on the cloud: a
# higher score, or the same score and earlier in weights.model_order.
ranks_above(cloud, a, b) if {
	k := rank_keys[cloud]
	k[a] < k[b]
}

ranks_above(cloud, a, b) if {
	k := rank_keys[cloud]
	k[a] == k[b]
	model_index[a] < model_index[b]
}

model_index := {m: i | some i, m in models}

# close_call_reasons[cloud] are the D-TIE-BREAK and D-COST reasons of a cloud, when there are any.
close_call_reasons := object.union(tie_reasons, {cloud: [{"rule": "D-COST", "message": msg}] |
	some cloud, m in chosen
	msg := cost_message(cloud, m)
})

# tie_reasons[cloud] is the D-TIE-BREAK reason of a cloud where the top models tie and cost cannot
# decide.
tie_reasons := {} if {
	clear_lead
} else := {cloud: [{"rule": "D-TIE-BREAK", "message": msg}] |
	some cloud, order in model_rank
	count(order) > 1
	k := rank_keys[cloud]
	k[order[0]] == k[order[1]]
	not close_call[cloud]
	msg := tie_message(cloud, order, cloud_scores[cloud])
}

# METADATA
# title: Cost compared across models
# description: >-
#   On each cloud, the cheapest eligible priced platform of every model is compared with the
#   cheapest such model, and a costlier model loses weights.cost.weight x (c - f) / (c + f) x
#   min(1, (c - f) / weights.cost.full_gap_usd) from its score there (cost_terms): graded by the
#   ratio and by the gap in dollars, so $0.40 against $1.60 barely matters and $9 against $101
#   decides. Models left out by a hard need (weights.cost.hard_needs) and unpriced platforms take
#   no part. Two models still within weights.close_call_margin after that go to the cheaper. The
#   reason names the cheapest eligible platform of every other model and the ratio, and when a
#   costlier model is recommended, the premium and the criteria it is paid for.
# custom:
#   id: D-COST
#   kind: tie-break
#   source: issue "Cost-aware advice" (cost enters every decision, graded); design brief section 2
#   seed: Cost optimization across services
cost_message(cloud, m) := concat("", [object.get(close_clauses, cloud, ""), comparison, object.get(premium_clauses, cloud, "")]) if {
	clean_terms
	comparison := clean_view[cloud].sentences[m]
} else := concat("", [object.get(close_clauses, cloud, ""), comparison, object.get(term_clauses, cloud, ""), object.get(premium_clauses, cloud, "")]) if {
	list := model_costs[cloud]
	count(list) > 1
	some mine in list
	mine[2] == m
	p := mine[1]
	others := [sprintf("%s (%s) at %s/month %s", [e[1], e[2], cost_view.usd[e[1]], cost_view.relations[e[1]][p]]) | some e in list; e[2] != m]
	comparison := sprintf("%s (%s) at %s/month against the cheapest eligible platform of each other model on %s: %s", [p, m, cost_view.usd[p], cloud, concat("; ", others)])
}

# close_clauses[cloud] says that the top two models were a close call that cost decided (their
# scores from rank_keys, negated: cloud_scores would build every model's).
close_clauses := {cloud: msg |
	some cloud, cc in close_call
	k := rank_keys[cloud]
	msg := sprintf("%s (score %v) and %s (score %v) are within the close-call margin of %v, so the cheaper wins: ", [cc.top, (0 - k[cc.top]) / 10, cc.other, (0 - k[cc.other]) / 10, weights.close_call_margin])
}

# term_clauses[cloud] says what the cost term took from each model's score on the cloud.
term_clauses := {cloud: v.term_clause | some cloud, v in clean_view; v.term_clause != ""} if {
	clean
	clean_terms
} else := {cloud: msg |
	some cloud, terms in cost_terms
	note := {true: orchestration_note, false: ""}[object.get(terms, "orchestrated-container", 0) > 0]
	msg := sprintf("; the cost term takes %s%s", [concat(" and ", [sprintf("%v from %s", [terms[m] / 10, m]) | some m in models; terms[m]]), note])
}

orchestration_note := sprintf(" (orchestrated containers are compared at their price plus $%v/month for running the cluster)", [weights.cost.orchestration_usd])

# premium_clauses[cloud]: when the recommended model costs more than the cheapest priced model,
# the premium and the criteria it is paid for (its preferences, hard needs included).
premium_clauses := {cloud: msg |
	some cloud, m in chosen
	list := model_costs[cloud]
	cheapest := list[0]
	cheapest[2] != m
	some mine in list
	mine[2] == m
	cheapest[0] < mine[0]
	rules := [r.rule | some r in object.get(fallback_reasons, cloud, reasons_by_model[m])]
	msg := sprintf("; %s is recommended anyway, at %s/month more than %s, for %s", [m, fmt_usd(mine[0] - cheapest[0]), cheapest[1], needs_text(rules)])
}

needs_text(rules) := concat(", ", rules) if {
	count(rules) > 0
} else := "its place in the model order"

# relation(c, mine) compares another model's cost c with the recommended model's: "is 2.4x
# cheaper", "costs 8.3x more", "costs the same" (policies.Relation precomputes it).
relation(c, mine) := sprintf("costs %sx more", [ratio_text(c / mine)]) if {
	c > mine
	mine > 0
} else := sprintf("is %sx cheaper", [ratio_text(mine / c)]) if {
	c < mine
	c > 0
} else := "costs more" if {
	c > mine
} else := "costs nothing" if {
	c < mine
} else := "costs the same"

# ratio_text(r) renders a cost ratio: two decimals below 2 (1.04), one above (2.4), whole from 100.
ratio_text(r) := sprintf("%v", [round(r * 100) / 100]) if {
	r < 2
} else := sprintf("%v", [round(r * 10) / 10]) if {
	r < 100
} else := sprintf("%v", [round(r)])

# METADATA
# title: Tie broken by model order
# description: >-
#   When the best models score the same and cost cannot decide (not all priced), the first in
#   weights.model_order wins: function, then serverless-container, then orchestrated-container
#   (the simplest operating model first).
# related_resources:
#   - ref: https://www.fourtheorem.com/blog/aws-compute
#     description: Lambda, then Fargate, then EC2
# custom:
#   id: D-TIE-BREAK
#   kind: tie-break
#   source: platform-limits reference 2.1 (fourTheorem order; AWS Batch "use Fargate unless")
tie_message(cloud, order, s) := sprintf("%s each score %v and cost cannot decide (not all priced on %s): %s comes first in the tie-break order %s", [concat(" and ", tied), s[m] / 10, cloud, m, concat(" > ", models)]) if {
	m := order[0]
	tied := [x | some x in order; s[x] == s[m]]
}

# METADATA
# title: Cheapest eligible platform
# description: >-
#   Within the recommended model, the cheapest eligible priced platform on the cloud; unpriced
#   platforms come last; ties by platform ID. When the platform does not offer the component's
#   CPU architecture (an arm build on Azure Functions, Container Apps or Cloud Run), the reason says
#   that it runs as an x86 build there: the architecture is a build choice, not a hard limit.
# custom:
#   id: D-PLATFORM
#   kind: platform
#   source: design brief section 2 (cost is an input)
platform_reason(cloud, m, ps) := {"rule": "D-PLATFORM", "message": concat("", [platform_message(cloud, m, ps), object.get(arch_notes, ps[0], "")])}

platform_message(cloud, m, ps) := sprintf("%s is the only eligible %s platform on %s, at %s/month", [ps[0], m, cloud, fmt_usd(costs[ps[0]])]) if {
	count(ps) == 1
	costs[ps[0]]
} else := sprintf("%s is the only eligible %s platform on %s; it is not priced", [ps[0], m, cloud]) if {
	count(ps) == 1
} else := sprintf("%s is the cheapest eligible %s platform on %s at %s/month (next: %s, %s)", [ps[0], m, cloud, fmt_usd(costs[ps[0]]), ps[1], price_of(ps[1])]) if {
	costs[ps[0]]
} else := sprintf("%s is the first eligible %s platform on %s by ID, as none of %s is priced", [ps[0], m, cloud, concat(", ", ps)])

price_of(p) := sprintf("%s/month", [fmt_usd(costs[p])]) if {
	costs[p]
} else := "not priced"

# arch_notes[p] says that platform p runs the component as another CPU architecture than the
# declared one (empty when every platform offers the component's architecture).
arch_notes := {p: note |
	not arch in index.everywhere.arch
	some p in candidates
	offered := limits[p].arch.value
	not arch in offered
	note := sprintf("; it runs as %s here: %s is not offered (%s)", [concat(" or ", offered), arch, cite(p, "arch")])
}

# METADATA
# title: Nothing eligible
# description: >-
#   Every platform of the cloud is excluded by a hard limit: model and platform are null and the
#   reasons list each exclusion.
# custom:
#   id: E-NONE
#   kind: eligibility
#   source: design brief section 2 layer 1
none_recommendation(cloud) := {
	"model": null,
	"platform": null,
	"reasons": array.concat([{"rule": "E-NONE", "message": none_message(cloud)}], [r |
		some p in object.get(index.by_cloud, cloud, [])
		some r in excluded[p]
	]),
}

none_message(cloud) := sprintf("no eligible platform on %s: %s", [cloud, concat("; ", summary)]) if {
	summary := [sprintf("%s excluded by %s", [p, concat(", ", sort({r.rule | some r in excluded[p]}))]) |
		some p in object.get(index.by_cloud, cloud, [])
	]
	count(summary) > 0
} else := sprintf("no eligible platform on %s: the platform catalogue has none there", [cloud])
