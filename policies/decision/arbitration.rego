# The boundary between the Rego layers and the arbitration. The rules in this package decide
# eligibility (eligibility.rego: excluded) and the framework's criteria (preferences.rego:
# preference, each with its rule ID, model, tuned weight and message); Go arbitrates
# (advisor/decide): it sums the scores, applies the cost term, the container fallback, close
# calls and the tie-break, chooses the model and the platform on every cloud, writes their
# reasons and the architecture verdict. Rego's float arithmetic, sorting and sprintf were the
# dearest steps of an evaluation, and Go counts money and tenths of a point exactly.
#
# The arbitration's rules keep their METADATA below, on documentation-only rules that no query
# evaluates, so that the rule catalogue (`hybridadvisor policy list`) is still read from
# annotations alone. See docs/decision-framework.md and docs/rego-contract.md.
package hybridadvisor.decision

# result is what the engine queries (data.hybridadvisor.decision.result) and hands to the
# arbitration: the exclusions of every platform and the preferences that fired.
result := {"excluded": excluded, "preference": preference}

# arbitrated lists the rules the arbitration applies in Go (advisor/decide); a Go test checks
# that they are exactly the rules it emits.

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
arbitrated contains "D-CONTAINER-FALLBACK"

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
arbitrated contains "D-COST"

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
arbitrated contains "D-TIE-BREAK"

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
arbitrated contains "D-PLATFORM"

# METADATA
# title: Nothing eligible
# description: >-
#   Every platform of the cloud is excluded by a hard limit: model and platform are null and the
#   reasons list each exclusion.
# custom:
#   id: E-NONE
#   kind: eligibility
#   source: design brief section 2 layer 1
arbitrated contains "E-NONE"

# METADATA
# title: Hybrid verdict
# description: >-
#   Per cloud: hybrid when some components run as functions and others as containers
#   (serverless or orchestrated), because their scaling needs and workload patterns differ.
#   (When all placed components agree, D-ONE-MODEL gives the verdict.) Components with no
#   eligible platform on the cloud are listed with E-NONE.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/architecture/guide/technology-choices/compute-decision-tree
#     description: Evaluate each workload separately
# custom:
#   id: D-HYBRID
#   kind: verdict
#   source: platform-limits reference 2.4 (D-19)
#   seed: Different scaling requirements per service; Mixed workload patterns
arbitrated contains "D-HYBRID"

# METADATA
# title: One model verdict
# description: >-
#   Per cloud: functions or containers when every placed component runs as that model (with no
#   component placed, the verdict is empty and the reason says so). Components with no eligible
#   platform on the cloud are listed with E-NONE.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/architecture/guide/technology-choices/compute-decision-tree
#     description: Evaluate each workload separately
# custom:
#   id: D-ONE-MODEL
#   kind: verdict
#   source: platform-limits reference 2.4 (D-19)
arbitrated contains "D-ONE-MODEL"
