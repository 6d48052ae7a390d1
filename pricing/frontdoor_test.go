package pricing

import (
	"strings"
	"testing"
	"time"
)

// Front doors are lines of each platform's quote. Every figure below is
// computed by hand from the tables' unit prices.
func TestFrontDoorQuotes(t *testing.T) {
	b := mustLoad(t)
	off := Settings{}
	// 30M requests of 120 ms at 512 MB, 4 KB payload.
	api := wl{rpm: "30000000", public: true, payload: 4, dur: 120 * time.Millisecond, mem: 512}
	// 1 request/s (2,628,000 a month), 100 ms, one 0.5 vCPU / 1 GB task, 1 KB in and 8 KB out.
	svc := wl{rpm: "2628000", public: true, payload: 1, resp: "8", vcpu: "0.5", mem: 1024, conc: 80}
	cases := []struct {
		name, platform string
		w              wl
		total          string
		lines          []string
		says           string
	}{
		// Lambda: 30M x 0.0000002 = 6.00; 30M x 0.12 s x 0.5 GB = 1,800,000 GB-s x 0.0000166667 = 30.00006 -> 30.00;
		// API Gateway HTTP API 30M x 0.000001 = 30.00 => 66.00
		{"lambda behind api gateway", "aws-lambda", api, "66.00", []string{"6.00", "30.00", "30.00"}, "Front door: API Gateway HTTP API"},
		// Function URL: no front-door line => 36.00
		{"lambda behind a function url", "aws-lambda", with(api, func(x *wl) { x.door = DoorFunctionURL }), "36.00", []string{"6.00", "30.00"}, "Front door: Lambda function URL"},
		// auto with max_duration 60 s > 29 s: the function URL, and the quote says why.
		{"lambda auto past 29 s", "aws-lambda", with(api, func(x *wl) { x.maxDur = time.Minute }), "36.00", []string{"6.00", "30.00"}, "chosen because max_duration exceeds API Gateway's 29 s"},
		// Fargate: 1 task all month (0.1 in flight / (80 x 70%) -> 1); 730 h x 0.5 vCPU x 0.04048 = 14.7752 -> 14.78;
		// 730 h x 1 GB x 0.004445 = 3.24485 -> 3.24. ALB: 730 h x 0.0225 = 16.425 -> 16.43 (half-up);
		// LCU-hours: per request max(1/90,000 new connection, 9 KB / 1,048,576 KB = 0.0000085831) = 1/90,000,
		// 2,628,000 / 90,000 = 29.2 LCU-h x 0.008 = 0.2336 -> 0.23 => 34.68
		{"fargate behind an alb", "aws-fargate", svc, "34.68", []string{"14.78", "3.24", "16.43", "0.23"}, "Front door: Application Load Balancer"},
		// Lambda behind an ALB: requests 2,628,000 x 0.0000002 = 0.5256 -> 0.53; 2,628,000 x 0.1 s x 0.5 GB
		// = 131,400 GB-s x 0.0000166667 = 2.19000438 -> 2.19; ALB hours 16.43; LCU by bytes (0.4 GB per
		// LCU-hour for Lambda targets): 9 / 1,048,576 / 0.4 = 0.000021457672119140625 LCU-h per request
		// (> 1/90,000), x 2,628,000 = 56.3907623291015625 x 0.008 = 0.4511260986... -> 0.45 => 19.60
		{"lambda behind an alb", "aws-lambda", with(svc, func(x *wl) { x.door = DoorLoadBalancer; x.vcpu, x.mem, x.conc = "", 512, 1 }),
			"19.60", []string{"0.53", "2.19", "16.43", "0.45"}, "LCU-hours follow the bytes processed"},
		// A front door Fargate cannot have falls back to its load balancer, and says so.
		{"fargate asked for a function url", "aws-fargate", with(svc, func(x *wl) { x.door = DoorFunctionURL }), "34.68", []string{"14.78", "3.24", "16.43", "0.23"}, "Front door function_url is not available on AWS Fargate (ECS)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			q := b.Price(c.platform, c.w.w(), off)
			checkQuote(t, q, c.total, c.lines)
			if a := joinAssumptions(q); !strings.Contains(a, c.says) {
				t.Errorf("assumptions do not say %q:\n%s", c.says, a)
			}
		})
	}
}

func with(x wl, f func(*wl)) wl { f(&x); return x }

// The front-door lines of the other clouds' platforms.
func TestFrontDoorLines(t *testing.T) {
	b := mustLoad(t)
	svc := wl{rpm: "2628000", public: true, payload: 1, resp: "8", vcpu: "0.5", mem: 1024, conc: 80}
	cases := []struct {
		name, platform string
		w              wl
		want           map[string]string // line name part -> monthly
		none           []string          // line name parts that must not appear
	}{
		// Cloud Run on its built-in ingress: no front-door line at all.
		{"cloud run builtin", "gcp-cloud-run", svc, nil, []string{"Load Balanc", "API Gateway"}},
		// Cloud Run behind the load balancer: 730 h x 0.025 = 18.25;
		// 2,628,000 x 9 KB = 23,652,000 KB / 1,048,576 = 22.556304931640625 GiB x 0.008 = 0.180450... -> 0.18
		{"cloud run behind a load balancer", "gcp-cloud-run", with(svc, func(x *wl) { x.door = DoorLoadBalancer }),
			map[string]string{"forwarding rules": "18.25", "data processed": "0.18"}, nil},
		// GKE Autopilot: the same load balancer lines.
		{"gke autopilot", "gcp-gke-autopilot", svc, map[string]string{"forwarding rules": "18.25", "data processed": "0.18"}, nil},
		// AKS: Standard Load Balancer 730 h x 0.025 = 18.25; 22.556304931640625 GB x 0.005 = 0.11278... -> 0.11
		{"aks", "azure-aks", svc, map[string]string{"Standard Load Balancer hours": "18.25", "Standard Load Balancer data": "0.11"}, nil},
		// Container Apps on its built-in ingress.
		{"container apps builtin", "azure-container-apps", svc, nil, []string{"Load Balancer", "API Management"}},
		// Flex behind API Management: 2,628,000 x 0.0000035 = 9.198 -> 9.20 (free calls off).
		{"flex behind apim", "azure-functions-flex", svc, map[string]string{"API Management": "9.20"}, nil},
		// Flex on its built-in endpoint.
		{"flex builtin", "azure-functions-flex", with(svc, func(x *wl) { x.door = DoorBuiltin }), nil, []string{"API Management"}},
		// Cloud Run functions behind Google's API Gateway: 2,628,000 x 0.000003 = 7.884 -> 7.88 (free tier off).
		{"cloud run functions behind api gateway", "gcp-cloud-run-functions", svc, map[string]string{"API Gateway": "7.88"}, nil},
		// Not public: no front door anywhere.
		{"internal fargate", "aws-fargate", with(svc, func(x *wl) { x.public = false }), nil, []string{"Load Balancer"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			q := b.Price(c.platform, c.w.w(), Settings{})
			if !q.Priced {
				t.Fatalf("not priced: %s", q.Note)
			}
			for part, want := range c.want {
				if l, ok := lineNamed(q, part); !ok || l.Monthly.StringFixed(2) != want {
					t.Errorf("line %q = %+v (found %t), want %s", part, l, ok, want)
				}
			}
			for _, part := range c.none {
				if l, ok := lineNamed(q, part); ok {
					t.Errorf("unexpected front-door line %+v", l)
				}
			}
		})
	}
}

// Two Fargate services behind one ALB: its hourly fee counts once.
func TestArchitectureTotalSharesLoadBalancer(t *testing.T) {
	b := mustLoad(t)
	w := wl{rpm: "2628000", public: true, payload: 1, resp: "8", vcpu: "0.5", mem: 1024, conc: 80}.w()
	tot := b.ArchitectureTotal("aws", []Item{{Workload: w, PlatformID: "aws-fargate"}, {Workload: w, PlatformID: "aws-fargate"}}, Settings{})
	// Fargate: 1,460 task-hours x 0.5 vCPU = 730 x 0.04048 = 29.5504 -> 29.55; 1,460 GB-h x 0.004445 = 6.4897 -> 6.49.
	// ALB hours once: 730 x 0.0225 = 16.425 -> 16.43 (two quotes would pay 32.86).
	// LCU: 2 x 29.2 = 58.4 LCU-h x 0.008 = 0.4672 -> 0.47.
	// Egress (glue, no free tier): 2 x 2,628,000 x 8 KB = 42,048,000 KB / 1,048,576 = 40.1000976... GB x 0.09
	// = 3.6090087... -> 3.61. Total 29.55 + 6.49 + 16.43 + 0.47 + 3.61 = 56.55.
	if got := strings.Join(monthlies(tot.Lines), " "); got != "29.55 6.49 16.43 0.47 3.61" || tot.Monthly.StringFixed(2) != "56.55" {
		t.Errorf("lines %s, total %s", got, tot.Monthly)
		for _, l := range tot.Lines {
			t.Logf("  %s: %s x %s = %s", l.Name, l.Quantity, l.UnitPrice, l.Monthly)
		}
	}
	if tot.Glue.StringFixed(2) != "3.61" {
		t.Errorf("glue %s, want the egress 3.61 (front doors belong to the platforms)", tot.Glue)
	}
	if !strings.Contains(strings.Join(tot.Assumptions, " "), "share one: its hourly fee is counted once") {
		t.Errorf("assumptions: %v", tot.Assumptions)
	}
	// The ALB line is not prefixed with a platform: Fargate and EKS services can share it.
	if l := tot.Lines[2]; l.Name != "Application Load Balancer hours" {
		t.Errorf("ALB line name %q", l.Name)
	}
}

func TestFrontDoorFor(t *testing.T) {
	cases := []struct {
		platform, asked string
		maxDur          time.Duration
		door, fallback  string
	}{
		{"aws-lambda", "", 0, DoorAPIGateway, ""},
		{"aws-lambda", DoorAuto, 29 * time.Second, DoorAPIGateway, ""},
		{"aws-lambda", DoorAuto, 30 * time.Second, DoorFunctionURL, ""},
		{"aws-lambda", DoorAPIGateway, time.Minute, DoorAPIGateway, ""}, // asked for: the eligibility rule excludes it
		{"aws-lambda", DoorBuiltin, 0, DoorFunctionURL, ""},
		{"aws-fargate", DoorFunctionURL, 0, DoorLoadBalancer, DoorFunctionURL},
		{"azure-functions-flex", DoorFunctionURL, 0, DoorBuiltin, ""},
		{"azure-functions-premium", DoorLoadBalancer, 0, DoorAPIGateway, DoorLoadBalancer},
		{"azure-container-apps", "", 0, DoorBuiltin, ""},
		{"gcp-cloud-run", DoorLoadBalancer, 0, DoorLoadBalancer, ""},
		{"gcp-gke-autopilot", DoorBuiltin, 0, DoorLoadBalancer, DoorBuiltin},
	}
	for _, c := range cases {
		w := Workload{PublicHTTP: true, FrontDoor: c.asked, MaxDuration: c.maxDur}
		door, fb := FrontDoorFor(c.platform, &w)
		if door != c.door || fb != c.fallback {
			t.Errorf("%s %q %v = %s (fallback %q), want %s (%q)", c.platform, c.asked, c.maxDur, door, fb, c.door, c.fallback)
		}
	}
	if door, _ := FrontDoorFor("aws-lambda", &Workload{}); door != "" {
		t.Errorf("not public: door %q", door)
	}
}
