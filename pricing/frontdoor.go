package pricing

import (
	"time"
)

// Front doors: what a public HTTP component's requests enter through. The door
// depends on the platform (a function sits behind an API gateway, a container
// service behind a load balancer, Cloud Run on its own ingress), so it is part
// of each platform's quote, not of the per-cloud glue: options compare fairly.
const (
	DoorAuto         = "auto"
	DoorAPIGateway   = "api_gateway"
	DoorFunctionURL  = "function_url"
	DoorLoadBalancer = "load_balancer"
	DoorBuiltin      = "builtin"
)

// APIGatewayTimeout is API Gateway's integration timeout in front of Lambda
// (data/limits.yaml aws-lambda http_timeout_s): with front_door auto a longer
// Lambda request is put behind a function URL instead.
const APIGatewayTimeout = 29 * time.Second

// doors lists the front doors each platform can have, its usual one first.
var doors = map[string][]string{
	"aws-lambda":              {DoorAPIGateway, DoorFunctionURL, DoorLoadBalancer},
	"aws-fargate":             {DoorLoadBalancer},
	"aws-eks":                 {DoorLoadBalancer},
	"azure-functions-flex":    {DoorAPIGateway, DoorBuiltin},
	"azure-functions-premium": {DoorAPIGateway, DoorBuiltin},
	"azure-container-apps":    {DoorBuiltin, DoorAPIGateway},
	"azure-aks":               {DoorLoadBalancer},
	"gcp-cloud-run-functions": {DoorAPIGateway, DoorBuiltin, DoorLoadBalancer},
	"gcp-cloud-run":           {DoorBuiltin, DoorAPIGateway, DoorLoadBalancer},
	"gcp-gke-autopilot":       {DoorLoadBalancer},
}

// FrontDoorFor returns the front door a workload gets on a platform ("" when it
// has none: it is not public HTTP), and the door asked for when the platform
// cannot have it and its usual door was used instead.
func FrontDoorFor(platformID string, w *Workload) (door, unavailable string) {
	if !w.PublicHTTP {
		return "", ""
	}
	allowed := doors[platformID]
	if len(allowed) == 0 {
		return "", ""
	}
	asked := w.FrontDoor
	// A function URL is Lambda's built-in HTTPS endpoint; elsewhere the two
	// names mean the same thing.
	if platformID == "aws-lambda" && asked == DoorBuiltin {
		asked = DoorFunctionURL
	} else if platformID != "aws-lambda" && asked == DoorFunctionURL {
		asked = DoorBuiltin
	}
	if asked == "" || asked == DoorAuto {
		return autoDoor(platformID, w), ""
	}
	for _, d := range allowed {
		if d == asked {
			return d, ""
		}
	}
	return autoDoor(platformID, w), w.FrontDoor
}

// autoDoor is the platform's usual front door; Lambda requests longer than API
// Gateway's timeout get a function URL (free, and up to the 900 s limit).
func autoDoor(platformID string, w *Workload) string {
	if platformID == "aws-lambda" && w.MaxDuration > APIGatewayTimeout {
		return DoorFunctionURL
	}
	return doors[platformID][0]
}

// frontDoor prices one workload's front door on one platform. The load
// balancer's hourly fee is a once meter: shared by every component of the
// cloud in an architecture total.
type frontDoor struct {
	door, unavailable string
	p                 Platform
	fixed             *meter // hourly fee, once per cloud
	hours             dec
	perUse            *meter
	perReq            dec   // per-use units per request
	chunks            int64 // API Gateway calls per request (512 KB each)
	lcuByBytes        bool
	hoursF, perReqF   flt // hours and perReq as float64, for the break-even search
}

// kbPerGB is 1 GB (= GiB) in KB.
var kbPerGB = decInt(1 << 20)

// lcuPerConn is the LCU-hours of one new connection: an ALB LCU is 25 new
// connections per second, 90,000 an hour (carried to 24 decimals, once).
var lcuPerConn = xOne.DivRound(decInt(25*3600), 24)

// lambdaGBPerLCU: an LCU-hour processes 0.4 GB for Lambda targets (1 GB for others).
var lambdaGBPerLCU = decNew(4, -1)

func prepFrontDoor(rb *regionBook, p Platform, w *Workload, sh *shape) (frontDoor, string) {
	fd := frontDoor{p: p}
	fd.door, fd.unavailable = FrontDoorFor(p.ID, w)
	var missing string
	need := func(key string) *meter { return rb.glueMeter(key, &missing) }
	switch fd.door {
	case DoorAPIGateway:
		switch rb.cloud {
		case "aws":
			// metered in 512 KB increments
			fd.chunks = int64(max(1, (w.PayloadKB+511)/512))
			fd.perUse, fd.perReq = need("apigw-http"), decInt(fd.chunks)
		case "azure":
			fd.perUse, fd.perReq = need("apim-consumption"), xOne
		case "gcp":
			fd.perUse, fd.perReq = need("apigw"), xOne
		}
	case DoorLoadBalancer:
		fd.hours = sh.hoursDec
		// Bytes through a load balancer: the request's payload in, the response out.
		kb := decInt(int64(max(0, w.PayloadKB)))
		if r := decOf(w.ResponseKB); r.Sign() > 0 {
			kb = kb.Add(r)
		}
		gb := kb.DivRound(kbPerGB, 24)
		switch rb.cloud {
		case "aws":
			fd.fixed, fd.perUse = need("alb-hours"), need("alb-lcu")
			// LCU-hours per request: the larger of one new connection (1/90,000
			// LCU-hour) and the bytes processed (1 GB per LCU-hour, 0.4 GB for
			// Lambda targets). Both scale with the rate, so the larger one is
			// the same in every hour.
			byBytes := gb
			if p.ID == "aws-lambda" {
				byBytes = gb.DivRound(lambdaGBPerLCU, 24)
			}
			fd.perReq, fd.lcuByBytes = lcuPerConn, false
			if byBytes.GreaterThan(lcuPerConn) {
				fd.perReq, fd.lcuByBytes = byBytes, true
			}
		case "azure":
			fd.fixed, fd.perUse, fd.perReq = need("lb-standard-hours"), need("lb-standard-data"), gb
		case "gcp":
			fd.fixed, fd.perUse, fd.perReq = need("lb-forwarding-rule"), need("lb-data-processed"), gb
		}
	}
	fd.hoursF, fd.perReqF = toFlt(fd.hours), toFlt(fd.perReq)
	return fd, missing
}

// usages appends the front door's usage at volume v: nothing at zero volume
// for the per-use part, the whole month for a load balancer's hours.
func (fd *frontDoor) usages(v dec, out []usage) []usage {
	return doorUses(fd, fd.hours, fd.perReq, v, out)
}

// usagesF is usages in float64.
func (fd *frontDoor) usagesF(v flt, out []use[flt]) []use[flt] {
	return doorUses(fd, fd.hoursF, fd.perReqF, v, out)
}

func doorUses[N number[N]](fd *frontDoor, hours, perReq, v N, out []use[N]) []use[N] {
	if fd.fixed != nil {
		out = append(out, use[N]{m: fd.fixed, qty: hours})
	}
	if fd.perUse != nil {
		out = append(out, use[N]{m: fd.perUse, qty: v.Mul(perReq)})
	}
	return out
}

// explain appends the front door's assumption sentences.
func (fd *frontDoor) explain(a []string, w *Workload) []string {
	if fd.door == "" {
		return a
	}
	if fd.unavailable != "" {
		a = append(a, "Front door "+fd.unavailable+" is not available on "+fd.p.Name+"; priced behind its usual "+doorName(fd.door)+" instead.")
	}
	switch fd.door {
	case DoorAPIGateway:
		switch fd.p.Cloud {
		case "aws":
			a = append(a, "Front door: API Gateway HTTP API, one call per request per 512 KB of payload ("+itoa(fd.chunks)+" per request); its 1M free calls are for new accounts' first 12 months only and are not applied; integration timeout 29 s.")
		case "azure":
			a = append(a, "Front door: API Management Consumption tier, one call per request.")
		case "gcp":
			a = append(a, "Front door: Google API Gateway, one call per request; the first 2M calls a month are its free tier.")
		}
	case DoorFunctionURL:
		why := ""
		if (w.FrontDoor == "" || w.FrontDoor == DoorAuto) && w.MaxDuration > APIGatewayTimeout {
			why = " chosen because max_duration exceeds API Gateway's 29 s integration timeout;"
		}
		a = append(a, "Front door: Lambda function URL,"+why+" no charge beyond the function's own requests (up to its 900 s timeout).")
	case DoorBuiltin:
		a = append(a, "Front door: "+fd.p.Name+"'s built-in HTTPS endpoint, no extra charge.")
	case DoorLoadBalancer:
		switch fd.p.Cloud {
		case "aws":
			dim := "one new connection per request (25 per second per LCU)"
			if fd.lcuByBytes {
				dim = "the bytes processed (payload + response)"
			}
			a = append(a, "Front door: Application Load Balancer, its hourly fee shared by every component behind it; LCU-hours follow "+dim+", the larger LCU dimension for this workload.")
		case "azure":
			a = append(a, "Front door: Azure Standard Load Balancer (up to 5 rules, shared by every component behind it) in front of an in-cluster ingress controller; data processed is payload + response.")
		case "gcp":
			a = append(a, "Front door: external Application Load Balancer, one global forwarding rule shared by every component behind it; data processed is payload in + response out.")
		}
	}
	return a
}

// doorName names a front door for sentences.
func doorName(door string) string {
	switch door {
	case DoorAPIGateway:
		return "API gateway"
	case DoorFunctionURL:
		return "function URL"
	case DoorLoadBalancer:
		return "load balancer"
	}
	return "built-in HTTPS endpoint"
}
