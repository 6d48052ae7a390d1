package pricing

// Glue is what a component needs besides its compute: an API gateway in front of
// a public HTTP component, and a queue message per request for each async call
// it makes. It is priced the same whatever platform the component runs on.

// gluePricer prices one workload's glue on one cloud.
type gluePricer struct {
	cloud      string
	gw         *meter
	gwPerReq   xd // gateway calls (metering units) per request
	q          *meter
	qPerReq    xd // queue units per request
	payloadKB  int
	asyncCalls int
}

var tib = xInt(1 << 40)

func prepGlue(rb *regionBook, w *Workload) (*gluePricer, string) {
	g := &gluePricer{cloud: rb.cloud, payloadKB: max(0, w.PayloadKB), asyncCalls: max(0, w.AsyncCallsOut)}
	var missing string
	need := func(key string) *meter {
		m := rb.meter(rb.gluePlatform, key)
		if m == nil && missing == "" {
			missing = "no " + rb.cloud + "-glue price \"" + key + "\" in " + rb.region + " in the bundled table"
		}
		return m
	}
	chunks := func(kb int) int64 { return int64(max(1, (g.payloadKB+kb-1)/kb)) }
	if w.PublicHTTP {
		switch rb.cloud {
		case "aws":
			g.gw, g.gwPerReq = need("apigw-http"), xInt(chunks(512)) // metered in 512 KB increments
		case "azure":
			g.gw, g.gwPerReq = need("apim-consumption"), xOne
		case "gcp":
			g.gw, g.gwPerReq = need("apigw"), xOne
		}
	}
	if g.asyncCalls > 0 {
		k := xInt(int64(g.asyncCalls))
		switch rb.cloud {
		case "aws":
			// send + receive + delete, each billed per 64 KB chunk
			g.q, g.qPerReq = need("sqs-standard"), k.Mul(xInt(3*chunks(64)))
		case "azure":
			// send + receive + complete (peek-lock), each per 64 KB chunk
			g.q, g.qPerReq = need("servicebus-basic"), k.Mul(xInt(3*chunks(64)))
		case "gcp":
			// publish + delivery, each at least 1,000 bytes
			bytes := max(int64(1000), int64(g.payloadKB)*1024)
			g.q, g.qPerReq = need("pubsub"), k.Mul(xInt(2*bytes)).DivRound(tib, 24)
		}
	}
	if missing != "" {
		return nil, missing
	}
	return g, ""
}

func (g *gluePricer) usages(v xd, out []usage) []usage {
	if g.gw != nil {
		out = append(out, usage{m: g.gw, qty: v.Mul(g.gwPerReq)})
	}
	if g.q != nil {
		out = append(out, usage{m: g.q, qty: v.Mul(g.qPerReq)})
	}
	return out
}

func (g *gluePricer) explain(a []string) []string {
	if g.gw != nil {
		switch g.cloud {
		case "aws":
			a = append(a, "Public HTTP entry: API Gateway HTTP API, one call per request per 512 KB of payload ("+g.gwPerReq.dec().String()+" per request); its 1M free calls are for new accounts' first 12 months only and are not applied.")
		case "azure":
			a = append(a, "Public HTTP entry: API Management Consumption tier, one call per request.")
		case "gcp":
			a = append(a, "Public HTTP entry: Google API Gateway, one call per request; the first 2M calls a month are its free tier.")
		}
	}
	if g.q != nil {
		calls := itoa(int64(g.asyncCalls))
		switch g.cloud {
		case "aws":
			a = append(a, "Async calls: "+calls+" SQS standard message(s) per request; each message costs send, receive and delete requests per 64 KB of its "+itoa(int64(g.payloadKB))+" KB payload.")
		case "azure":
			a = append(a, "Async calls: "+calls+" Service Bus message(s) per request on the Basic tier (queues only, no base fee: cheaper than Standard's $9.81 base at every volume); send, receive and complete operations per 64 KB.")
		case "gcp":
			a = append(a, "Async calls: "+calls+" Pub/Sub message(s) per request; publish and delivery each bill max(1,000 bytes, "+itoa(int64(g.payloadKB))+" KB x 1,024).")
		}
	}
	return a
}

// gluePlatform returns the glue pseudo-platform of a cloud.
func gluePlatform(cloud string) Platform {
	for _, p := range gluePlatforms {
		if p.Cloud == cloud {
			return p
		}
	}
	return Platform{ID: cloud + "-glue", Cloud: cloud, Model: "glue", Name: cloud + " glue"}
}

// Glue prices the workload's glue on every cloud (key = cloud). A quote has no
// lines when the workload needs no glue.
func (b *Book) Glue(w Workload, s Settings) map[string]Quote {
	defer endCalc(beginCalc())
	out := make(map[string]Quote, len(Clouds))
	v := xDec(w.RequestsPerMonth)
	if v.Sign() < 0 {
		v = zero
	}
	for _, cloud := range Clouds {
		region := s.regionOf(cloud)
		q := Quote{Platform: gluePlatform(cloud), Region: region}
		rb := b.region(cloud, region)
		if rb == nil {
			q.Note = "no " + cloud + " price table for region " + region
			out[cloud] = q
			continue
		}
		g, note := prepGlue(rb, &w)
		if g == nil {
			q.Note = note
			out[cloud] = q
			continue
		}
		q.Priced = true
		var buf [2]usage
		us := g.usages(v, buf[:0])
		if len(us) > 0 {
			bl := bill{rb: rb, freeTier: s.FreeTier, record: true}
			bl.run(us)
			q.Monthly, q.Lines, q.FreeTierSavings = bl.total.dec(), bl.lines, bl.savings.dec()
			q.Assumptions = g.explain(nil)
			q.Assumptions = append(q.Assumptions, bl.estimateNotes()...)
		}
		out[cloud] = q
	}
	return out
}
