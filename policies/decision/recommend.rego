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
# when the model has none there. Most cells hold one platform (index.cells), so only the others
# are sorted.
ranked := {cloud: object.union(cells, object.get(multi_ranked, cloud, {})) |
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

# cloud_scores[cloud][model] is each model's score on a cloud where the fallback above applies.
cloud_scores := {cloud: object.union(scores, {"orchestrated-container": s}) | some cloud, s in fallback}

# score_rank lists every model, best first: highest score, then weights.model_order.
score_rank := [t[2] | some t in sort([[0 - scores[m], i, m] | some i, m in models])]

# model_rank[cloud] lists the models with an eligible platform on the cloud, best first.
model_rank := {cloud: [m | some m in score_rank; by_model[m]] | some cloud, by_model in ranked} if {
	count(fallback) == 0
} else := {cloud: [t[2] | some t in sort([[0 - s[m], i, m] | some i, m in models; by_model[m]])] |
	some cloud, by_model in ranked
	s := object.get(cloud_scores, cloud, scores)
}

# close_call[cloud] holds the top two models when their scores are within the margin and both
# have an eligible priced platform on the cloud.
close_call := {cloud: {"top": a, "other": b, "top_cost": ca, "other_cost": cb} |
	some cloud, order in model_rank
	[a, b] := array.slice(order, 0, 2)
	s := object.get(cloud_scores, cloud, scores)
	s[a] - s[b] <= weights.close_call_margin
	ca := costs[ranked[cloud][a][0]]
	cb := costs[ranked[cloud][b][0]]
}

# chosen[cloud] is the recommended model: the cheaper of a close call, else the best ranked.
chosen := object.union(
	{cloud: order[0] | some cloud, order in model_rank; count(order) > 0},
	{cloud: cc.other | some cloud, cc in close_call; cc.other_cost < cc.top_cost},
)

# recommendation[cloud] is the model, platform and reasons of every evaluated cloud. When no
# platform is excluded and the best score leads the next by more than the close-call margin (the
# usual case), every cloud takes that model with no D-COST, D-TIE-BREAK or skipped reasons, and
# the general rule below is not needed.
recommendation := object.union(
	object.union(
		# the usual cases, with their D-PLATFORM sentence written inline (function calls per cloud
		# cost more than the rest of the recommendation): one priced platform...
		{cloud: {"model": m, "platform": p, "reasons": array.concat(reasons, [{"rule": "D-PLATFORM", "message": msg}])} |
			some cloud, ps in lead_platforms
			count(ps) == 1
			p := ps[0]
			c := costs[p]
			usd := sprintf(usd_format[c == round(c)], [c])
			msg := sprintf("%s is the only eligible %s platform on %s, at %s/month%s", [p, m, cloud, usd, object.get(arch_notes, p, "")])
		},
		# ... or several, the cheapest two priced
		{cloud: {"model": m, "platform": p, "reasons": array.concat(reasons, [{"rule": "D-PLATFORM", "message": msg}])} |
			some cloud, ps in lead_platforms
			count(ps) > 1
			p := ps[0]
			c := costs[p]
			n := costs[ps[1]]
			usd := sprintf(usd_format[c == round(c)], [c])
			next := sprintf(usd_format[n == round(n)], [n])
			msg := sprintf("%s is the cheapest eligible %s platform on %s at %s/month (next: %s, %s/month)%s", [p, m, cloud, usd, ps[1], next, object.get(arch_notes, p, "")])
		},
	),
	# anything else: the last platform the sentence prices is unpriced (unpriced ones sort last)
	{cloud: {"model": m, "platform": ps[0], "reasons": array.concat(reasons, [platform_reason(cloud, m, ps)])} |
		some cloud, ps in lead_platforms
		not costs[ps[min([count(ps) - 1, 1])]]
	},
) if {
	clear_lead
	m := score_rank[0]
	reasons := model_reasons(m)
} else := object.union(
	{cloud: {"model": m, "platform": ps[0], "reasons": reasons} |
		some cloud, m in chosen
		ps := ranked[cloud][m]
		reasons := array.concat(
			array.concat(object.get(fallback_reasons, cloud, model_reasons(m)), object.get(skipped_reasons, cloud, [])),
			array.concat(object.get(close_call_reasons, cloud, []), [platform_reason(cloud, m, ps)]),
		)
	},
	{cloud: none_recommendation(cloud) | some cloud in clouds; not chosen[cloud]},
)

# clear_lead: nothing is excluded, every evaluated cloud has platforms of every model, and the best
# score is more than the close-call margin above the second.
clear_lead if {
	count(excluded) == 0
	scores[score_rank[0]] - scores[score_rank[1]] > weights.close_call_margin
	every cloud in clouds {
		index.model_count[cloud] == count(models)
	}
}

# usd_format[whole] formats an amount of dollars like fmt_usd (inline, where a call costs too much).
usd_format := {true: "$%d.00", false: "$%.2f"}

# lead_platforms[cloud] are the platforms of the leading model on each cloud, cheapest first.
lead_platforms := {cloud: ps |
	m := score_rank[0]
	some cloud in clouds
	ps := object.get(multi_ranked, [cloud, m], index.cells[cloud][m])
}

# model_reasons(m) are the preferences that fired for model m, heaviest first.
model_reasons(m) := [{"rule": t[1], "message": t[3]} | some t in ranked_preferences; t[2] == m]

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
	s := object.get(cloud_scores, cloud, scores)
	s[a] > s[b]
}

ranks_above(cloud, a, b) if {
	s := object.get(cloud_scores, cloud, scores)
	s[a] == s[b]
	model_index[a] < model_index[b]
}

model_index := {m: i | some i, m in models}

# close_call_reasons[cloud] is the D-COST or D-TIE-BREAK reason of a cloud, when there is one.
close_call_reasons := object.union(
	{cloud: [{"rule": "D-TIE-BREAK", "message": msg}] |
		some cloud, order in model_rank
		count(order) > 1
		s := object.get(cloud_scores, cloud, scores)
		s[order[0]] == s[order[1]]
		not close_call[cloud]
		msg := tie_message(cloud, order, s)
	},
	{cloud: [{"rule": "D-COST", "message": msg}] |
		some cloud, win in chosen
		msg := cost_message(cloud, win)
	},
)

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
cost_message(cloud, win) := msg if {
	cc := close_call[cloud]
	some lose in [cc.top, cc.other]
	lose != win
	s := object.get(cloud_scores, cloud, scores)
	wp := ranked[cloud][win][0]
	lp := ranked[cloud][lose][0]
	msg := sprintf("%s (score %v) and %s (score %v) are within the close-call margin of %v, so cost decides: %s on %s at %s/month %s %s on %s at %s/month", [
		cc.top, s[cc.top], cc.other, s[cc.other], weights.close_call_margin,
		win, wp, fmt_usd(costs[wp]), compare_word(costs[wp], costs[lp]), lose, lp, fmt_usd(costs[lp]),
	])
}

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
tie_message(cloud, order, s) := sprintf("%s each score %v and cost cannot decide (not all priced on %s): %s comes first in the tie-break order %s", [concat(" and ", tied), s[m], cloud, m, concat(" > ", models)]) if {
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
