package advisor_test

import (
	"context"
	"maps"
	"strings"
	"testing"

	"github.com/hybridadvisor/hybridadvisor/advisor"
	"github.com/hybridadvisor/hybridadvisor/advisor/profile"
	"github.com/hybridadvisor/hybridadvisor/advisor/result"
)

// glueLines returns a component's glue cost lines on a cloud, as "name=monthly".
func glueLines(c result.Component, cloud string) map[string]string {
	out := map[string]string{}
	for _, l := range c.Glue[cloud].CostLines {
		out[l.Name] = l.MonthlyCostUSD.StringFixed(2)
	}
	return out
}

func component(t *testing.T, a *result.Architecture, name string) result.Component {
	t.Helper()
	for _, c := range a.Components {
		if c.Name == name {
			return c
		}
	}
	t.Fatalf("no component %s", name)
	return result.Component{}
}

// The shop example's queues bill the messages their consumers receive, not the
// producers' requests (before: storefront's 45M requests billed 134M SQS
// requests, $53.60, and $214.19 of Pub/Sub for an orders consumer of 600k).
func TestShopQueuesCountMessages(t *testing.T) {
	a := newAdvisor(t, advisor.Options{})
	src, _ := profile.Template("shop")
	res := a.Score(context.Background(), []advisor.Source{{Path: "shop.yaml", Data: src}}, 1)
	if e := res.Files[0].Error; e != nil {
		t.Fatal(e.Message)
	}
	arch := res.Files[0].Architecture
	store, orders := component(t, arch, "storefront"), component(t, arch, "orders")

	// storefront -> orders: min(45M x 1, 600k) = 600k messages, a ratio of 600k / 45M per request
	// (0.013333333333333333333333, 24 decimals): 599,999.999999999999999985 messages, payload 1 KB.
	// SQS: x 3 = 1,799,999.99999... - 1M free = 799,999.99999... x 0.0000004 = 0.3199999... -> 0.32
	// Egress (public, 8 KB): 45M x 8 KB = 360,000,000 KB / 1,048,576 = 343.3227539 GB - 100 free
	// = 243.3227539 x 0.09 = 21.8990479 -> 21.90
	want := map[string]map[string]string{
		"aws": {
			"SQS standard queue requests (64 KB chunks) (after free tier)": "0.32",
			"Internet egress, first 10 TB/month (after free tier)":         "21.90",
		},
		// Service Bus: 1,799,999.99999... x 0.00000005 = 0.0899999... -> 0.09
		// Egress: 243.3227539 GB x 0.087 = 21.1690796 -> 21.17
		"azure": {
			"Service Bus Basic operations (64 KB chunks)":                              "0.09",
			"Internet egress, first 10 TB/month (Microsoft network) (after free tier)": "21.17",
		},
		// Pub/Sub: 599,999.99... x 2 x 1,024 B = 1,228,799,999.99 B = 0.0011176 TiB, inside the 10 GiB free: 0.00
		// Egress: 343.3227539 GiB - 1 free = 342.3227539 x 0.12 = 41.0787305 -> 41.08
		"gcp": {
			"Pub/Sub throughput (publish + delivery, at least 1,000 bytes each) (after free tier)": "0.00",
			"Internet egress, first TiB/month (Premium Tier) (after free tier)":                    "41.08",
		},
	}
	for cloud, lines := range want {
		if got := glueLines(store, cloud); !maps.Equal(got, lines) {
			t.Errorf("storefront %s glue = %v, want %v", cloud, got, lines)
		}
	}
	// orders -> notifications: min(600k x 1, 1.2M) = 600k messages. Not public: no egress.
	// SQS 1.8M - 1M free = 0.8M x 0.0000004 = 0.32; Service Bus 1.8M x 0.00000005 = 0.09;
	// Pub/Sub 600k x 2,048 B = 1.2288e9 B, inside the free 10 GiB: 0.00.
	wantOrders := map[string]map[string]string{
		"aws":   {"SQS standard queue requests (64 KB chunks) (after free tier)": "0.32"},
		"azure": {"Service Bus Basic operations (64 KB chunks)": "0.09"},
		"gcp":   {"Pub/Sub throughput (publish + delivery, at least 1,000 bytes each) (after free tier)": "0.00"},
	}
	for cloud, lines := range wantOrders {
		if got := glueLines(orders, cloud); !maps.Equal(got, lines) {
			t.Errorf("orders %s glue = %v, want %v", cloud, got, lines)
		}
	}
	if a := strings.Join(store.Glue["aws"].Assumptions, " "); !strings.Contains(a, "at most what the consumers declare they receive") {
		t.Errorf("storefront assumptions: %s", a)
	}
}

// A 60 s public HTTP Lambda: behind API Gateway (asked for) it is excluded by
// the 29 s integration timeout; with auto it is priced behind a function URL
// and stays eligible.
func TestLambdaFrontDoorDecidesTheHTTPTimeout(t *testing.T) {
	a := newAdvisor(t, advisor.Options{})
	src := func(door string) []byte {
		return []byte("apiVersion: hybridadvisor/v1\nname: x\ncomponents:\n  - name: report\n    trigger: http\n    front_door: " + door +
			"\n    traffic: {requests_per_month: 100000}\n    execution: {avg_duration: 20s, max_duration: 60s}\n")
	}
	lambda := func(door string) result.Option {
		res := a.Score(context.Background(), []advisor.Source{{Path: door + ".yaml", Data: src(door)}}, 1)
		if e := res.Files[0].Error; e != nil {
			t.Fatal(e.Message)
		}
		for _, o := range res.Files[0].Architecture.Components[0].Options {
			if o.Platform == "aws-lambda" {
				return o
			}
		}
		t.Fatal("no aws-lambda option")
		return result.Option{}
	}
	if o := lambda("api_gateway"); o.Eligible || len(o.ExcludedBy) == 0 || o.ExcludedBy[0].Rule != "E-TIMEOUT-HTTP" {
		t.Errorf("behind API Gateway: eligible %t, excluded by %+v", o.Eligible, o.ExcludedBy)
	}
	o := lambda("auto")
	if !o.Eligible {
		t.Errorf("auto (function URL): excluded by %+v", o.ExcludedBy)
	}
	if a := strings.Join(o.Assumptions, " "); !strings.Contains(a, "Lambda function URL, chosen because max_duration exceeds API Gateway's 29 s") {
		t.Errorf("assumptions: %s", a)
	}
	for _, l := range o.CostLines {
		if strings.Contains(l.Name, "API Gateway") {
			t.Errorf("function URL option has a gateway line %+v", l)
		}
	}
}
