# Per-cloud recommendation: the best-scoring model that has an eligible platform on the cloud,
# cost as the tie-breaker of close calls, then the cheapest eligible platform of that model.
package hybridadvisor.decision

# result is the document the engine queries: data.hybridadvisor.decision.result.
result := {
	"excluded": excluded,
	"preferences": preferences,
	"scores": scores,
	"recommendation": recommendation,
}

# ranked[cloud][model] lists the eligible platforms of a model on a cloud: priced ones from the
# cheapest, then unpriced ones; ties by platform ID. Absent when the model has none there.
ranked := {cloud: by_model |
	some cloud in clouds
	by_model := {model: platforms |
		some model in models
		platforms := [t[4] | some t in eligible_sorted; t[0] == cloud; t[1] == model]
		count(platforms) > 0
	}
}

# eligible_sorted holds [cloud, model, unpriced?, cost, platform] for every eligible platform,
# sorted once.
eligible_sorted := sort([[info.cloud, info.model, k[0], k[1], p] |
	some p in eligible
	info := candidates[p]
	k := rank_key(p)
])

rank_key(p) := [0, c] if {
	c := cost(p)
} else := [1, 0]

# model_rank[cloud] lists the models with an eligible platform on the cloud, best first:
# highest score, then weights.model_order.
model_rank := {cloud: [t[2] |
	some t in sort({[0 - scores[m], i, m] | some i, m in models; ranked[cloud][m]})
] |
	some cloud in clouds
}

# close_call[cloud] holds the top two models when their scores are within the margin and both
# have an eligible priced platform on the cloud.
close_call[cloud] := {"top": a, "other": b, "top_cost": ca, "other_cost": cb} if {
	some cloud in clouds
	[a, b] := array.slice(model_rank[cloud], 0, 2)
	scores[a] - scores[b] <= weights.close_call_margin
	ca := cost(ranked[cloud][a][0])
	cb := cost(ranked[cloud][b][0])
}

# choose(cloud) is the recommended model: the cheaper of a close call, else the best ranked.
choose(cloud) := close_call[cloud].other if {
	close_call[cloud].other_cost < close_call[cloud].top_cost
} else := model_rank[cloud][0]

recommendation[cloud] := {"model": m, "platform": ranked[cloud][m][0], "reasons": reasons} if {
	some cloud in clouds
	m := choose(cloud)
	reasons := array.concat(
		array.concat(array.concat(model_reasons(m), skipped_reasons(cloud, m)), cost_reasons(cloud)),
		array.concat(tie_reasons(cloud, m), [platform_reason(cloud, m)]),
	)
}

recommendation[cloud] := none_recommendation(cloud) if {
	some cloud in clouds
	count(model_rank[cloud]) == 0
}

# model_reasons(m) are the preferences that fired for the chosen model, heaviest first.
model_reasons(m) := [{"rule": t[1], "message": t[2]} |
	some t in sort({[0 - x.weight, x.rule, x.message] | some x in preference; x.model == m})
]

# skipped_reasons are the exclusions that ruled out a better-ranked model on this cloud.
skipped_reasons(cloud, m) := [{"rule": t[1], "message": t[2]} |
	some t in sort({[e.platform, e.rule, e.message] |
		some e in exclusions
		info := candidates[e.platform]
		info.cloud == cloud
		not ranked[cloud][info.model]
		ranks_above(info.model, m)
	})
]

# ranks_above(a, b) is true when model a would be preferred to model b: a higher score, or the
# same score and earlier in weights.model_order.
ranks_above(a, b) if scores[a] > scores[b]

ranks_above(a, b) if {
	scores[a] == scores[b]
	model_index(a) < model_index(b)
}

model_index(m) := i if {
	some i, x in models
	x == m
}

# METADATA
# title: Close call broken by cost
# description: >-
#   When the two best-scoring models with an eligible platform on a cloud are within
#   weights.close_call_margin and both have a priced eligible platform, the model whose cheapest
#   eligible platform costs less wins; on equal cost the better-ranked model stays.
# custom:
#   id: D-COST
#   kind: tie-break
#   source: design brief section 2 (cost is an input that breaks close calls)
#   seed: Cost optimization across services
cost_reasons(cloud) := [{"rule": "D-COST", "message": msg}] if {
	cc := close_call[cloud]
	win := choose(cloud)
	some lose in [cc.top, cc.other]
	lose != win
	wp := ranked[cloud][win][0]
	lp := ranked[cloud][lose][0]
	msg := sprintf("%s (score %v) and %s (score %v) are within the close-call margin of %v, so cost decides: %s on %s at %s/month %s %s on %s at %s/month", [
		cc.top, scores[cc.top], cc.other, scores[cc.other], weights.close_call_margin,
		win, wp, fmt_usd(cost(wp)), compare_word(cost(wp), cost(lp)), lose, lp, fmt_usd(cost(lp)),
	])
} else := []

compare_word(a, b) := "is cheaper than" if {
	a < b
} else := "costs the same as"

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
tie_reasons(cloud, m) := [{"rule": "D-TIE-BREAK", "message": msg}] if {
	not close_call[cloud]
	tied := [x | some x in model_rank[cloud]; scores[x] == scores[m]]
	count(tied) > 1
	msg := sprintf("%s each score %v and cost cannot decide (not all priced on %s): %s comes first in the tie-break order %s", [concat(" and ", tied), scores[m], cloud, m, concat(" > ", models)])
} else := []

# METADATA
# title: Cheapest eligible platform
# description: >-
#   Within the recommended model, the cheapest eligible priced platform on the cloud; unpriced
#   platforms come last; ties by platform ID.
# custom:
#   id: D-PLATFORM
#   kind: platform
#   source: design brief section 2 (cost is an input)
platform_reason(cloud, m) := {"rule": "D-PLATFORM", "message": platform_message(cloud, m, ranked[cloud][m])}

platform_message(cloud, m, ps) := sprintf("%s is the only eligible %s platform on %s, at %s/month", [ps[0], m, cloud, fmt_usd(cost(ps[0]))]) if {
	count(ps) == 1
	cost(ps[0])
} else := sprintf("%s is the only eligible %s platform on %s; it is not priced", [ps[0], m, cloud]) if {
	count(ps) == 1
} else := sprintf("%s is the cheapest eligible %s platform on %s at %s/month (next: %s, %s)", [ps[0], m, cloud, fmt_usd(cost(ps[0])), ps[1], price_of(ps[1])]) if {
	cost(ps[0])
} else := sprintf("%s is the first eligible %s platform on %s by ID, as none of %s is priced", [ps[0], m, cloud, concat(", ", ps)])

price_of(p) := sprintf("%s/month", [fmt_usd(c)]) if {
	c := cost(p)
} else := "not priced"

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
	"reasons": array.concat([{"rule": "E-NONE", "message": none_message(cloud)}], [{"rule": t[1], "message": t[2]} |
		some t in sort({[e.platform, e.rule, e.message] | some e in exclusions; candidates[e.platform].cloud == cloud})
	]),
}

none_message(cloud) := sprintf("no eligible platform on %s: %s", [cloud, concat("; ", summary)]) if {
	summary := [sprintf("%s excluded by %s", [p, concat(", ", sort({r.rule | some r in excluded[p]}))]) |
		some p in sort([q | some q, info in candidates; info.cloud == cloud])
	]
	count(summary) > 0
} else := sprintf("no eligible platform on %s: the platform catalogue has none there", [cloud])
