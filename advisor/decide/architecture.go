package decide

import (
	"sort"
	"strconv"
	"strings"

	"github.com/hybridadvisor/hybridadvisor/pricing"
)

// Placement is one component of an architecture with the model recommended for it per cloud
// ("" or absent: nothing is eligible there).
type Placement struct {
	Name   string
	Models map[string]string
}

// Verdicts is the architecture verdict of every cloud (D-HYBRID): hybrid when some components
// run as functions and others as containers (serverless or orchestrated), functions or
// containers when every placed component agrees, "" when none is placed. Components with no
// eligible platform on a cloud are listed there with E-NONE. clouds nil means every cloud of the
// catalogue.
func (f *Framework) Verdicts(clouds []string, comps []Placement) *ArchitectureOutput {
	if clouds == nil {
		clouds = f.clouds
	}
	out := &ArchitectureOutput{Verdict: make(map[string]string, len(clouds)), Reasons: make(map[string][]Reason, len(clouds))}
	n := strconv.Itoa(len(comps))
	for _, cloud := range clouds {
		var functions, containers, unplaced []string
		for _, c := range comps {
			switch m := c.Models[cloud]; m {
			case "":
				unplaced = append(unplaced, c.Name)
			case pricing.Function:
				functions = append(functions, c.Name)
			default:
				containers = append(containers, c.Name)
			}
		}
		sort.Strings(functions)
		sort.Strings(containers)
		sort.Strings(unplaced)
		var verdict, msg string
		switch {
		case len(functions) > 0 && len(containers) > 0:
			verdict = "hybrid"
		case len(functions) > 0:
			verdict = "functions"
		case len(containers) > 0:
			verdict = "containers"
		}
		split := strconv.Itoa(len(functions)) + " of " + n + " components run as functions" + names(functions) +
			" and " + strconv.Itoa(len(containers)) + " as containers" + names(containers)
		switch verdict {
		case "hybrid":
			msg = split + ": different scaling needs per component make this a hybrid"
		case "":
			msg = "no component of " + n + " has an eligible platform on " + cloud
		default:
			msg = split + ": one model fits every placed component, so this is a " + verdict + " architecture"
		}
		// a verdict of one model is not explained by a rule named hybrid
		why := Reason{Rule: "D-HYBRID", Message: msg}
		if verdict != "hybrid" {
			why = Reason{Rule: "D-ONE-MODEL", Message: msg}
		}
		reasons := make([]Reason, 0, 1+len(unplaced))
		reasons = append(reasons, why)
		for _, name := range unplaced {
			reasons = append(reasons, Reason{Rule: "E-NONE", Message: name + " has no eligible platform on " + cloud})
		}
		out.Verdict[cloud] = verdict
		out.Reasons[cloud] = reasons
	}
	return out
}

// Solo is the verdict of a one-component architecture: Verdicts of the component named name
// placed as d recommends.
func (f *Framework) Solo(clouds []string, name string, d *Decision) *ArchitectureOutput {
	models := make(map[string]string, len(d.Recommendation))
	for cloud, c := range d.Recommendation {
		models[cloud] = c.Model
	}
	return f.Verdicts(clouds, []Placement{{Name: name, Models: models}})
}

// names is " (a, b)", or "" for no names.
func names(list []string) string {
	if len(list) == 0 {
		return ""
	}
	return " (" + strings.Join(list, ", ") + ")"
}
