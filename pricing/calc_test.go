package pricing

import (
	"strings"
	"testing"
	"time"
)

// Hand-computed quotes for every platform. The arithmetic is in the comments;
// each line is rounded half-up to the cent and the total is the sum of lines.
// A month is 730 h = 2,628,000 s unless the case says otherwise.
func TestCalculators(t *testing.T) {
	b := mustLoad(t)
	type tc struct {
		name     string
		platform string
		region   string
		w        wl
		free     bool
		hours    int
		total    string
		lines    []string
		savings  string // "" = not checked
		contains string // an assumption that must be stated
		legacy   bool   // Autopilot sizing without bursting
	}
	cases := []tc{
		// ---- AWS Lambda ----
		{name: "lambda x86 free tier off (AWS example 1 without it)", platform: "aws-lambda",
			// 3M x 0.12 s x 1.5 GB = 540,000 GB-s x 0.0000166667 = 9.000018 -> 9.00; 3M x 0.0000002 = 0.60
			w: wl{rpm: "3000000", dur: 120 * time.Millisecond, mem: 1536}, total: "9.60", lines: []string{"0.60", "9.00"}, savings: "0.00"},
		{name: "lambda arm vs x86 (arm)", platform: "aws-lambda",
			// 10M x 0.1 s x 0.5 GB = 500,000 GB-s x 0.0000133334 = 6.6667 -> 6.67; requests 2.00
			w: wl{rpm: "10000000", arch: "arm"}, total: "8.67", lines: []string{"2.00", "6.67"}, contains: "on arm"},
		{name: "lambda arm vs x86 (x86)", platform: "aws-lambda",
			// 500,000 x 0.0000166667 = 8.33335 -> 8.33
			w: wl{rpm: "10000000"}, total: "10.33", lines: []string{"2.00", "8.33"}},
		{name: "lambda x86 exactly at the 6B GB-s tier boundary", platform: "aws-lambda",
			// 6e9 x 1 s x 1 GB = 6e9 GB-s, all tier 1: x 0.0000166667 = 100,000.20; requests 1,200.00
			w: wl{rpm: "6000000000", dur: time.Second, mem: 1024}, total: "101200.20", lines: []string{"1200.00", "100000.20"}},
		{name: "lambda x86 across tiers 1-3", platform: "aws-lambda",
			// 2e10 GB-s: 6e9 x 0.0000166667 = 100,000.20; 9e9 x 0.000015 = 135,000.00;
			// 5e9 x 0.0000133334 = 66,667.00; requests 2e10 x 0.0000002 = 4,000.00
			w: wl{rpm: "20000000000", dur: time.Second, mem: 1024}, total: "305667.20",
			lines: []string{"4000.00", "100000.20", "135000.00", "66667.00"}},
		{name: "lambda x86 tiers with free tier off the first tier", platform: "aws-lambda", free: true,
			// 7e9 GB-s: (6e9 - 400,000) x 0.0000166667 = 99,993.5333... -> 99,993.53; 1e9 x 0.000015 = 15,000.00;
			// requests (7e9 - 1M) x 0.0000002 = 1,399.80
			w: wl{rpm: "7000000000", dur: time.Second, mem: 1024}, total: "116393.33", lines: []string{"1399.80", "99993.53", "15000.00"}},
		{name: "lambda arm at its 7.5B boundary", platform: "aws-lambda",
			// 8e9 GB-s: 7.5e9 x 0.0000133334 = 100,000.50; 0.5e9 x 0.0000120001 = 6,000.05; requests 1,600.00
			w: wl{rpm: "8000000000", dur: time.Second, mem: 1024, arch: "arm"}, total: "107600.55", lines: []string{"1600.00", "100000.50", "6000.05"}},
		{name: "lambda provisioned concurrency overflow runs on demand", platform: "aws-lambda", hours: 1,
			// 1 h, 1 env of 1 GB: PC 3,600 GB-s x 0.0000041667 = 0.015 -> 0.02
			// 7,200 requests x 1 s = 7,200 s of work, 3,600 fit: 3,600 x 0.0000097222 = 0.03499992 -> 0.03;
			// 3,600 on demand x 0.0000166667 = 0.06; requests 7,200 x 0.0000002 = 0.00144 -> 0.00
			w: wl{rpm: "7200", dur: time.Second, mem: 1024, min: 1}, total: "0.11", lines: []string{"0.00", "0.02", "0.03", "0.06"}},

		// ---- AWS Fargate ----
		{name: "fargate 1 vCPU / 2 GB 24/7", platform: "aws-fargate",
			// 730 x 0.04048 = 29.5504 -> 29.55; 1,460 x 0.004445 = 6.4897 -> 6.49
			w: wl{rpm: "1000", vcpu: "1", mem: 2048}, total: "36.04", lines: []string{"29.55", "6.49"}},
		{name: "fargate scales to 3 tasks", platform: "aws-fargate",
			// 100 req/s x 0.2 s = 20 in flight / (10 x 70%) = 2.86 -> 3 tasks x 730 h = 2,190 task-h
			// 0.5 x 2,190 = 1,095 vCPU-h x 0.04048 = 44.3256 -> 44.33; 1 GB x 2,190 x 0.004445 = 9.73455 -> 9.73
			// CPU bound at a 0.05 CPU share: 20 x 0.05 / 0.5 vCPU / 70% = 2.86 -> 3 as well
			w: wl{rpm: "262800000", dur: 200 * time.Millisecond, conc: 10, vcpu: "0.5", mem: 1024, cpuf: "0.05"}, total: "54.06", lines: []string{"44.33", "9.73"},
			contains: "3 tasks all month"},
		{name: "fargate CPU-bound at the default CPU share", platform: "aws-fargate",
			// as above with cpu_fraction 0.25: CPU 20 x 0.25 / 0.5 / 0.7 = 14.29 -> 15 tasks (concurrency alone: 3)
			// 15 x 730 = 10,950 task-h: 5,475 vCPU-h x 0.04048 = 221.628 -> 221.63; 10,950 GB-h x 0.004445 = 48.67275 -> 48.67
			w: wl{rpm: "262800000", dur: 200 * time.Millisecond, conc: 10, vcpu: "0.5", mem: 1024}, total: "270.30", lines: []string{"221.63", "48.67"},
			contains: "15 tasks all month"},
		{name: "fargate catalog at 750 req/s needs 25 tasks, not 1", platform: "aws-fargate",
			// 750 req/s x 90 ms = 67.5 in flight; concurrency: 67.5 / (80 x 70%) = 1.2 -> 2;
			// CPU: 750 x 0.09 x 0.25 / 1 vCPU / 0.7 = 24.1 -> 25 tasks x 730 h = 18,250 task-h
			// 18,250 vCPU-h x 0.04048 = 738.76; 36,500 GB-h x 0.004445 = 162.2425 -> 162.24
			w: wl{rpm: "1971000000", dur: 90 * time.Millisecond, conc: 80, vcpu: "1", mem: 2048}, total: "901.00", lines: []string{"738.76", "162.24"},
			contains: "25 tasks all month"},
		{name: "fargate HPA target 50%", platform: "aws-fargate",
			// CPU: 750 x 0.09 x 0.25 / 1 / 0.5 = 33.75 -> 34 tasks x 730 = 24,820 task-h
			// 24,820 x 0.04048 = 1,004.7136 -> 1,004.71; 49,640 x 0.004445 = 220.6498 -> 220.65
			w: wl{rpm: "1971000000", dur: 90 * time.Millisecond, conc: 80, vcpu: "1", mem: 2048, target: 50}, total: "1225.36", lines: []string{"1004.71", "220.65"}},
		{name: "fargate diurnal peak and base", platform: "aws-fargate",
			// avg 100 req/s, peak 200 for 30% of 730 h = 219 h (60% of requests); base 0.4 x 262.8M / 1,839,600 s = 57.14 req/s
			// peak: 40 in flight / 7 = 5.7 -> 6 tasks; base 11.43 / 7 = 1.6 -> 2 tasks: 6 x 219 + 2 x 511 = 2,336 task-h
			// 1,168 vCPU-h x 0.04048 = 47.28064 -> 47.28; 2,336 GB-h x 0.004445 = 10.38352 -> 10.38
			// (CPU share 0.05: peak 40 x 0.05 / 0.35 = 5.7 -> 6, base 1.6 -> 2, the same counts)
			w:     wl{rpm: "262800000", peak: "200", pattern: "diurnal", dur: 200 * time.Millisecond, conc: 10, vcpu: "0.5", mem: 1024, cpuf: "0.05"},
			total: "57.66", lines: []string{"47.28", "10.38"}, contains: "6 tasks for 219 peak hours and 2 tasks for the other 511 hours"},
		{name: "fargate arm", platform: "aws-fargate",
			// 730 x 0.03238 = 23.6374 -> 23.64; 1,460 x 0.00356 = 5.1976 -> 5.20
			w: wl{rpm: "1000", vcpu: "1", mem: 2048, arch: "arm"}, total: "28.84", lines: []string{"23.64", "5.20"}},
		{name: "fargate size snaps to 0.5 vCPU / 3 GB", platform: "aws-fargate",
			// 0.25 vCPU allows at most 2 GB, so 0.5 vCPU; 3,000 MB = 2.93 GB -> 3 GB
			// 365 x 0.04048 = 14.7752 -> 14.78; 2,190 x 0.004445 = 9.73455 -> 9.73
			w: wl{rpm: "1000", vcpu: "0.25", mem: 3000}, total: "24.51", lines: []string{"14.78", "9.73"}, contains: "0.5 vCPU / 3 GB"},
		{name: "fargate windows has its own rates", platform: "aws-fargate",
			// Windows needs 1 vCPU: 2,628,000 s x 0.0000254167 = 66.7950876 -> 66.80; licence x 0.0000127778 = 33.5800584 -> 33.58
			// memory 2 GB: 5,256,000 x 0.0000027778 = 14.6001168 -> 14.60
			w: wl{rpm: "1000", vcpu: "0.5", mem: 2048, os: "windows"}, total: "114.98", lines: []string{"66.80", "33.58", "14.60"}},
		{name: "fargate job with the 1-minute minimum", platform: "aws-fargate",
			// 720 runs x max(60 s, 30 s) = 43,200 s = 12 task-h: 12 x 0.04048 = 0.48576 -> 0.49; 24 GB-h x 0.004445 = 0.10668 -> 0.11
			w: wl{trigger: "schedule", rpm: "720", dur: 30 * time.Second, vcpu: "1", mem: 2048}, total: "0.60", lines: []string{"0.49", "0.11"}},
		{name: "fargate job longer than the minimum", platform: "aws-fargate",
			// 720 x 90 s = 18 h: 0.72864 -> 0.73; 36 GB-h x 0.004445 = 0.16002 -> 0.16
			w: wl{trigger: "manual", rpm: "720", dur: 90 * time.Second, vcpu: "1", mem: 2048}, total: "0.89", lines: []string{"0.73", "0.16"}},
		{name: "fargate queue work of minutes runs one task per message", platform: "aws-fargate",
			// 100,000 messages x 300 s = 30,000,000 task-s = 8,333.333... task-h (no 1-minute minimum reached)
			// 1 vCPU: 8,333.333 x 0.04048 = 337.3333 -> 337.33; 2 GB: 16,666.667 x 0.004445 = 74.0833 -> 74.08
			// (as an always-on service the old model billed 82 tasks for the 36.5 spiky peak hours and 13
			// for the other 693.5: 12,008.5 task-h, $592.86, 1.44 times this)
			w:     wl{trigger: "queue", rpm: "100000", pattern: "spiky", dur: 5 * time.Minute, vcpu: "1", mem: 2048},
			total: "411.41", lines: []string{"337.33", "74.08"}, contains: "runs as its own task"},
		{name: "fargate event work under a minute stays a service", platform: "aws-fargate",
			// 1,000 events x 30 s: under a minute per message, so one always-on task: 36.04 as the 24/7 case
			w: wl{trigger: "event", rpm: "1000", dur: 30 * time.Second, vcpu: "1", mem: 2048}, total: "36.04", lines: []string{"29.55", "6.49"}},
		{name: "fargate queue worker with a warm task stays a service", platform: "aws-fargate",
			// min_instances 1 asks for a running service: 1 task all month (0.0004 in flight) = 36.04
			w: wl{trigger: "queue", rpm: "100", dur: 2 * time.Minute, vcpu: "1", mem: 2048, min: 1}, total: "36.04", lines: []string{"29.55", "6.49"}},
		{name: "fargate ephemeral storage above 20 GB", platform: "aws-fargate",
			// 30 GB: 10 GB x 730 h = 7,300 GB-h x 0.000111 = 0.8103 -> 0.81
			w: wl{rpm: "1000", vcpu: "1", mem: 2048, eph: 30720}, total: "36.85", lines: []string{"29.55", "6.49", "0.81"}},

		// ---- Amazon EKS ----
		// Allocatable = capacity - kube-reserved - 100 MiB eviction - DaemonSets (225 m, 200 MiB).
		// A .large (2 vCPU, 29 max pods): CPU 60 + 10 = 70 m, memory 11 x 29 + 255 = 574 MiB,
		// so it keeps 295 m and 874 MiB back: c7g.large (4 GiB) leaves 1,705 m / 3,222 MiB,
		// m7g.large (8 GiB) 1,705 m / 7,318 MiB.
		{name: "eks arm: 3 pods on one c7g.large", platform: "aws-eks",
			// 30 req/s x 0.5 s = 15 in flight / 7 = 2.1 -> 3 pods of 0.5 vCPU / 1 GiB;
			// c7g.large holds min(1,705/500, 3,222/1,024) = 3; min_nodes 1.
			// cluster 730 x 0.10 = 73.00; 730 x 0.0725 = 52.925 -> 52.93 (half-up)
			// CPU share 0.05: 15 x 0.05 / 0.5 / 0.7 = 2.1 -> 3 pods as well
			w:     wl{rpm: "78840000", dur: 500 * time.Millisecond, conc: 10, vcpu: "0.5", mem: 1024, arch: "arm", cpuf: "0.05", nodes: 1},
			total: "125.93", lines: []string{"73.00", "52.93"}, contains: "3 pods of 0.5 vCPU/1 GiB on 1 x c7g.large (arm)"},
		{name: "eks arm: memory-heavy pods go to m7g.large", platform: "aws-eks",
			// 1.5 GiB pods: c7g.large holds 3,222/1,536 = 2 (2 nodes = 105.85), m7g.large holds
			// min(3, 7,318/1,536 = 4) = 3: 730 x 0.0816 = 59.568 -> 59.57
			w:     wl{rpm: "78840000", dur: 500 * time.Millisecond, conc: 10, vcpu: "0.5", mem: 1536, arch: "arm", cpuf: "0.05", nodes: 1},
			total: "132.57", lines: []string{"73.00", "59.57"}, contains: "on 1 x m7g.large (arm)"},
		{name: "eks x86 one pod of 1 vCPU / 2 GiB on the 2-node minimum", platform: "aws-eks",
			// cheapest x86 fit: c7i.large (1,705 m / 3,222 MiB hold one pod); 2 nodes (default
			// min_nodes) x 730 h = 1,460 x 0.08925 = 130.305 -> 130.31
			w: wl{rpm: "1000", vcpu: "1", mem: 2048}, total: "203.31", lines: []string{"73.00", "130.31"}, contains: "on 2 x c7i.large (x86)"},
		{name: "eks gpu on g5.xlarge", platform: "aws-eks",
			// g5.xlarge (4 vCPU, 16 GiB, 58 pods): 3,695 m and 16,384 - 893 - 300 = 15,191 MiB hold one
			// 2 vCPU / 8 GiB / 1 GPU pod; min_nodes 1: 730 x 1.006 = 734.38
			w: wl{rpm: "1000", vcpu: "2", mem: 8192, gpu: 1, nodes: 1}, total: "807.38", lines: []string{"73.00", "734.38"}},
		// ---- Azure Functions Flex ----
		{name: "flex free grant", platform: "azure-functions-flex", free: true,
			// 0.38 req/s isolated, each billed the 1 s minimum: 1,000,000 s x 0.5 GB = 500,000 GB-s - 100,000 = 400,000 x 0.000026 = 10.40
			// executions 1M - 250,000 = 750,000 x 0.0000004 = 0.30; savings (13.00 - 10.40) + (0.40 - 0.30) = 2.70
			w: wl{rpm: "1000000"}, total: "10.70", lines: []string{"10.40", "0.30"}, savings: "2.70"},
		{name: "flex without free grant", platform: "azure-functions-flex",
			w: wl{rpm: "1000000"}, total: "13.40", lines: []string{"13.00", "0.40"}},
		{name: "flex instance size 2,048 MB for 1,024 MB", platform: "azure-functions-flex",
			// 1,000,000 s x 2 GB = 2,000,000 GB-s x 0.000026 = 52.00
			w: wl{rpm: "1000000", mem: 1024}, total: "52.40", lines: []string{"52.00", "0.40"}},
		{name: "flex always ready", platform: "azure-functions-flex", free: true,
			// baseline 0.5 GB x 2,628,000 s = 1,314,000 GB-s x 0.000004 = 5.256 -> 5.26
			// all 1,000,000 busy s on the always-ready instance: 500,000 GB-s x 0.000016 = 8.00; 1M executions x 0.0000004 = 0.40
			// nothing on demand (the free grant has nothing to cover)
			w: wl{rpm: "1000000", min: 1}, total: "13.66", lines: []string{"5.26", "8.00", "0.40", "0.00", "0.00"}},

		// ---- Azure Functions Premium ----
		{name: "premium three always-on instances", platform: "azure-functions-premium",
			// 2,190 x 0.173 = 378.87; 7,665 x 0.0123 = 94.2795 -> 94.28
			w: wl{rpm: "1000", vcpu: "1", min: 3}, total: "473.15", lines: []string{"378.87", "94.28"}},

		// ---- Azure Container Apps ----
		{name: "aca one busy replica, free grant off", platform: "azure-container-apps",
			// 20 req/s x 0.2 s = 4 in flight / 10 (the HTTP scale rule, no headroom) -> 1 replica active all month;
			// CPU share 0.05: 4 x 0.05 / 0.5 vCPU / 0.7 = 0.57 -> 1
			// 0.5 x 2,628,000 = 1,314,000 vCPU-s x 0.000024 = 31.536 -> 31.54; 2,628,000 GiB-s x 0.000003 = 7.884 -> 7.88
			// 52,560,000 requests x 0.0000004 = 21.024 -> 21.02
			w: wl{rpm: "52560000", dur: 200 * time.Millisecond, conc: 10, vcpu: "0.5", mem: 1024, cpuf: "0.05"}, total: "60.44", lines: []string{"31.54", "7.88", "21.02"}},
		{name: "aca one busy replica, free grant on", platform: "azure-container-apps", free: true,
			// (1,314,000 - 180,000) x 0.000024 = 27.216 -> 27.22; (2,628,000 - 360,000) x 0.000003 = 6.804 -> 6.80
			// (52.56M - 2M) x 0.0000004 = 20.224 -> 20.22; savings 4.32 + 1.08 + 0.80
			w: wl{rpm: "52560000", dur: 200 * time.Millisecond, conc: 10, vcpu: "0.5", mem: 1024, cpuf: "0.05"}, total: "54.24", lines: []string{"27.22", "6.80", "20.22"}, savings: "6.20"},
		{name: "aca scales to zero between sparse requests", platform: "azure-container-apps",
			// 1,000 requests/month (queue trigger: no request charge); each keeps the replica 0.2 + 300 s;
			// overlapping keep-alives count once: x = 1,000 x 300.2 / 2,628,000 = 0.1142314,
			// up 1 - e^-x = 0.107948448261 of 2,628,000 s = 283,688.52 s (summing: 300,200 s)
			// 141,844.26 vCPU-s x 0.000024 = 3.4043 -> 3.40; 283,688.52 GiB-s x 0.000003 = 0.8511 -> 0.85
			w: wl{trigger: "queue", rpm: "1000", dur: 200 * time.Millisecond, conc: 10, vcpu: "0.5", mem: 1024}, total: "4.25", lines: []string{"3.40", "0.85"}},
		{name: "aca min replica idles", platform: "azure-container-apps",
			// 1 replica all month; busy 1,000 x 0.2 s = 200 s active: 100 vCPU-s = 0.0024 -> 0.00; 200 GiB-s = 0.0006 -> 0.00
			// idle 2,627,800 s: 1,313,900 vCPU-s x 0.000003 = 3.9417 -> 3.94; 2,627,800 GiB-s x 0.000003 = 7.8834 -> 7.88
			w: wl{trigger: "queue", rpm: "1000", dur: 200 * time.Millisecond, conc: 10, vcpu: "0.5", mem: 1024, min: 1}, total: "11.82", lines: []string{"0.00", "0.00", "3.94", "7.88"}},
		{name: "aca job billed per run", platform: "azure-container-apps",
			// 720 x 30 s = 21,600 s: 21,600 vCPU-s x 0.000024 = 0.5184 -> 0.52; 43,200 GiB-s x 0.000003 = 0.1296 -> 0.13
			w: wl{trigger: "schedule", rpm: "720", dur: 30 * time.Second, vcpu: "1", mem: 2048}, total: "0.65", lines: []string{"0.52", "0.13"}},

		// ---- Azure Kubernetes Service ----
		// F2s_v2 (2 vCPU, 4 GiB): CPU keeps 70 + 225 = 295 m; memory 25% of 4 GiB = 1,024 MiB
		// kube-reserved + 100 + 200 -> 1,705 m / 2,772 MiB, one 1 vCPU / 2 GiB pod.
		{name: "aks one pod on F2s_v2", platform: "azure-aks",
			// cheapest fit F2s_v2 (0.0846 < D2as_v5 0.086); min_nodes 1: 730 x 0.0846 = 61.758 -> 61.76
			w: wl{rpm: "1000", vcpu: "1", mem: 2048, nodes: 1}, total: "134.76", lines: []string{"73.00", "61.76"}},
		{name: "aks gpu on NC4as_T4_v3", platform: "azure-aks",
			// NC4as_T4_v3 (4 vCPU, 28 GiB): 3,695 m; memory 2.6 + 0.06 x 12 = 3.32 GiB = 3,400 MiB
			// -> 28,672 - 3,400 - 300 = 24,972 MiB; one GPU. min_nodes 1: 730 x 0.526 = 383.98
			w: wl{rpm: "1000", vcpu: "2", mem: 8192, gpu: 1, nodes: 1}, total: "456.98", lines: []string{"73.00", "383.98"}},
		{name: "aks arm priced on x86", platform: "azure-aks",
			w: wl{rpm: "1000", vcpu: "1", mem: 2048, arch: "arm", nodes: 1}, total: "134.76", lines: []string{"73.00", "61.76"}, contains: "priced on x86 nodes"},

		// ---- Cloud Run and Cloud Run functions ----
		{name: "cloud run request-based, isolated requests", platform: "gcp-cloud-run",
			// 100,000 requests of 0.2 s billed (120 ms rounded up to 100 ms steps); overlaps count once:
			// x = 100,000 x 0.2 / 2,628,000 = 0.0076104; busy 2,628,000 x (1 - e^-x = 0.007581464684) = 19,924.09 s
			// (summing would give 20,000 s): 1 vCPU x 0.000024 = 0.4782 -> 0.48
			// 0.5 GiB: 9,962.04 x 0.0000025 = 0.0249 -> 0.02; requests 100,000 x 0.0000004 = 0.04
			w: wl{rpm: "100000", dur: 120 * time.Millisecond, conc: 80, vcpu: "1"}, total: "0.54", lines: []string{"0.48", "0.02", "0.04"}},
		{name: "cloud run functions bill the same", platform: "gcp-cloud-run-functions",
			w: wl{rpm: "100000", dur: 120 * time.Millisecond, conc: 80, vcpu: "1"}, total: "0.54", lines: []string{"0.48", "0.02", "0.04"}},
		{name: "cloud run free tier covers it", platform: "gcp-cloud-run", free: true,
			w: wl{rpm: "100000", dur: 120 * time.Millisecond, conc: 80, vcpu: "1"}, total: "0.00", lines: []string{"0.00", "0.00", "0.00"}, savings: "0.54"},
		{name: "cloud run instance-based is cheaper when busy", platform: "gcp-cloud-run",
			// 50 req/s x 0.1 s = 5 in flight; an instance serves the lower of 80 x 60% = 48 and
			// 1 vCPU / 0.25 CPU share x 60% = 2.4 (CPU-bound): ceil(5 / 2.4) = 3 instances
			// instance-based: 7,884,000 vCPU-s x 0.000018 = 141.912 -> 141.91; 3,942,000 GiB-s x 0.000002 = 7.884 -> 7.88
			// request-based: max(union, 131.4M x 0.1 / 2.4 = 5,475,000 s) = 131.40 + 6.84 + 52.56 = 190.80
			w: wl{rpm: "131400000", conc: 80, vcpu: "1"}, total: "149.79", lines: []string{"141.91", "7.88"}, contains: "Instance-based billing is cheaper"},
		{name: "cloud run instance-based, one instance when the CPU bound allows", platform: "gcp-cloud-run",
			// CPU share 0.1: 1 / 0.1 x 60% = 6 per instance: ceil(5 / 6) = 1 instance
			// 2,628,000 vCPU-s x 0.000018 = 47.304 -> 47.30; 1,314,000 GiB-s x 0.000002 = 2.628 -> 2.63
			w: wl{rpm: "131400000", conc: 80, vcpu: "1", cpuf: "0.1"}, total: "49.93", lines: []string{"47.30", "2.63"}},
		{name: "cloud run functions stay request-based", platform: "gcp-cloud-run-functions",
			// busy max(2,628,000 x (1 - e^-5), 5,475,000) = 5,475,000 s: x 0.000024 = 131.40
			// 2,737,500 GiB-s x 0.0000025 = 6.84375 -> 6.84; 131.4M x 0.0000004 = 52.56
			w: wl{rpm: "131400000", conc: 80, vcpu: "1"}, total: "190.80", lines: []string{"131.40", "6.84", "52.56"}},
		{name: "cloud run min instance idles at the idle rate", platform: "gcp-cloud-run",
			// busy 19,924.09 s as above; idle 2,608,075.91 s: 1 vCPU x 0.0000025 = 6.5202 -> 6.52; 0.5 GiB x 0.0000025 = 3.2601 -> 3.26
			w: wl{rpm: "100000", dur: 120 * time.Millisecond, conc: 80, vcpu: "1", min: 1}, total: "10.32", lines: []string{"0.48", "0.02", "0.04", "6.52", "3.26"}},
		{name: "cloud run tier 2 free tier is worth its tier 1 value", platform: "gcp-cloud-run", region: "europe-west3", free: true,
			// concurrency 1, so each request bills alone (no overlap to merge)
			// 1,000,000 isolated requests of 1 s: 1M vCPU-s x 0.0000336 = 33.60 - 180,000 x 0.000024 ($4.32) = 29.28
			// 500,000 GiB-s x 0.0000035 = 1.75 - 360,000 x 0.0000025 ($0.90) = 0.85; 1M requests inside the 2M free
			w: wl{rpm: "1000000", dur: time.Second, conc: 1, vcpu: "1"}, total: "30.13", lines: []string{"29.28", "0.85", "0.00"}, contains: "Tier 2"},
		{name: "cloud run tier 1 same workload", platform: "gcp-cloud-run", free: true,
			// (1M - 180,000) x 0.000024 = 19.68; (500,000 - 360,000) x 0.0000025 = 0.35
			w: wl{rpm: "1000000", dur: time.Second, conc: 1, vcpu: "1"}, total: "20.03", lines: []string{"19.68", "0.35", "0.00"}},
		{name: "cloud run job at the jobs rate", platform: "gcp-cloud-run",
			// 720 x 30 s = 21,600 vCPU-s x 0.000018 = 0.3888 -> 0.39; 0.5 GiB x 21,600 = 10,800 x 0.000002 = 0.0216 -> 0.02
			w: wl{trigger: "schedule", rpm: "720", dur: 30 * time.Second, vcpu: "1"}, total: "0.41", lines: []string{"0.39", "0.02"}},

		// ---- GKE Autopilot ----
		{name: "autopilot free tier credit covers the cluster fee", platform: "gcp-gke-autopilot", free: true,
			w: wl{rpm: "1000", vcpu: "10", mem: 51200}, total: "504.52", lines: []string{"0.00", "324.85", "179.67"}, savings: "73.00"},
		{name: "autopilot without bursting rounds vCPU to 0.25 steps", platform: "gcp-gke-autopilot", legacy: true,
			// 0.3 -> 0.5 vCPU, 0.5 GiB: 365 x 0.0445 = 16.2425 -> 16.24; 365 x 0.0049225 = 1.7967 -> 1.80
			w: wl{rpm: "1000", vcpu: "0.3", mem: 512}, total: "91.04", lines: []string{"73.00", "16.24", "1.80"}, contains: "0.25 vCPU steps"},
		{name: "autopilot bills 0.3 vCPU as asked on bursting clusters", platform: "gcp-gke-autopilot",
			// 730 x 0.3 = 219 vCPU-h x 0.0445 = 9.7455 -> 9.75; 365 GiB-h x 0.0049225 = 1.7967 -> 1.80
			w: wl{rpm: "1000", vcpu: "0.3", mem: 512}, total: "84.55", lines: []string{"73.00", "9.75", "1.80"}, contains: "at least 50m vCPU"},
		{name: "autopilot without bursting raises vCPU to keep 6.5 GiB per vCPU", platform: "gcp-gke-autopilot", legacy: true,
			// 4 GiB / 6.5 = 0.62 -> 0.75 vCPU: 547.5 x 0.0445 = 24.36375 -> 24.36; 2,920 x 0.0049225 = 14.3737 -> 14.37
			w: wl{rpm: "1000", vcpu: "0.25", mem: 4096}, total: "111.73", lines: []string{"73.00", "24.36", "14.37"}},
		{name: "autopilot raises vCPU to whole millicores for 6.5 GiB per vCPU", platform: "gcp-gke-autopilot",
			// 4 GiB / 6.5 = 0.61538 -> 0.616 vCPU: 449.68 vCPU-h x 0.0445 = 20.01076 -> 20.01; 2,920 x 0.0049225 = 14.3737 -> 14.37
			w: wl{rpm: "1000", vcpu: "0.25", mem: 4096}, total: "107.38", lines: []string{"73.00", "20.01", "14.37"}},
		{name: "autopilot job pods billed per run", platform: "gcp-gke-autopilot",
			// 720 x 30 s = 6 pod-h: 6 x 0.0445 = 0.267 -> 0.27; 12 GiB-h x 0.0049225 = 0.05907 -> 0.06
			w: wl{trigger: "schedule", rpm: "720", dur: 30 * time.Second, vcpu: "1", mem: 2048}, total: "73.33", lines: []string{"73.00", "0.27", "0.06"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := Settings{FreeTier: c.free, HoursPerMonth: c.hours, AutopilotLegacySizing: c.legacy}
			if c.region != "" {
				s.Regions = map[string]string{CloudOf(c.platform): c.region}
			}
			q := b.Price(c.platform, c.w.w(), s)
			checkQuote(t, q, c.total, c.lines)
			if c.savings != "" && q.FreeTierSavings.StringFixed(2) != c.savings {
				t.Errorf("savings = %s, want %s", q.FreeTierSavings.StringFixed(2), c.savings)
			}
			if c.contains != "" && !strings.Contains(joinAssumptions(q), c.contains) {
				t.Errorf("assumptions lack %q:\n%s", c.contains, joinAssumptions(q))
			}
			if len(q.Assumptions) < 4 {
				t.Errorf("only %d assumptions", len(q.Assumptions))
			}
		})
	}
}

// Platforms that cannot price a workload say why, and never show a price.
func TestUnpricedCases(t *testing.T) {
	b := mustLoad(t)
	cases := []struct {
		platform, region string
		w                wl
		note             string
	}{
		{"aws-lambda", "", wl{gpu: 1}, "no GPU price"},
		{"aws-fargate", "", wl{gpu: 1}, "no GPU price"},
		{"aws-fargate", "", wl{vcpu: "32", mem: 8192}, "largest Fargate task size"},
		{"aws-eks", "", wl{os: "windows", gpu: 1}, "no listed x86 Windows node size"},
		{"aws-eks", "", wl{gpu: 16}, "no listed x86 Linux node size"},
		{"aws-eks", "", wl{vcpu: "64", mem: 8192}, "no listed x86 Linux node size in us-east-1 fits a pod of 64 vCPU"},
		{"aws-eks", "eu-west-1", wl{gpu: 1, os: "windows"}, "no listed x86 Windows node size in eu-west-1"},
		{"azure-functions-flex", "", wl{mem: 8192}, "largest instance"},
		{"azure-functions-premium", "", wl{vcpu: "8"}, "largest Premium plan"},
		{"azure-functions-premium", "westeurope", wl{}, "westeurope"},
		{"azure-container-apps", "westeurope", wl{}, "westeurope"},
		{"gcp-gke-autopilot", "", wl{gpu: 1}, "no GKE Autopilot GPU price"},
		{"gcp-gke-autopilot", "europe-west1", wl{}, "europe-west1"},
		{"gcp-cloud-run", "", wl{gpu: 1}, "no GPU price"},
	}
	for _, c := range cases {
		s := Settings{FreeTier: true}
		if c.region != "" {
			s.Regions = map[string]string{CloudOf(c.platform): c.region}
		}
		q := b.Price(c.platform, c.w.w(), s)
		if q.Priced || len(q.Lines) > 0 || !q.Monthly.IsZero() {
			t.Errorf("%s %+v: priced %v with %d lines, want unpriced", c.platform, c.w, q.Priced, len(q.Lines))
		}
		if !strings.Contains(q.Note, c.note) {
			t.Errorf("%s: note %q lacks %q", c.platform, q.Note, c.note)
		}
	}
}
