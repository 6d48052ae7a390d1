package pricing

// Glue is what a component needs besides its compute and its front door, the
// same whatever platform of a cloud it runs on: internet egress for a public
// HTTP component's responses, and the queue messages of its async calls. (Front
// doors depend on the platform and are in each platform's quote: frontdoor.go.)

// gluePricer prices one workload's glue on one cloud.
type gluePricer struct {
	cloud     string
	egress    *meter
	egressGB  dec // GB (GiB) out per request
	q         *meter
	qPerReq   dec // queue units per request
	msgPerReq dec // queue messages per request, all async edges together
	payloadKB int
}

var tib = decInt(1 << 40)

func prepGlue(rb *regionBook, w *Workload) (*gluePricer, string) {
	g := &gluePricer{cloud: rb.cloud, payloadKB: max(0, w.PayloadKB)}
	var missing string
	need := func(key string) *meter { return rb.glueMeter(key, &missing) }
	chunks := func(kb int) int64 { return int64(max(1, (g.payloadKB+kb-1)/kb)) }
	if r := decOf(w.ResponseKB); w.PublicHTTP && r.Sign() > 0 {
		// Responses leave the cloud; 1 GB = 1,048,576 KB (GiB on Google Cloud).
		g.egress, g.egressGB = need("egress-internet"), r.DivRound(kbPerGB, 24)
	}
	if w.AsyncCallsOut > 0 {
		g.msgPerReq = decOf(w.AsyncMessagesPerRequest)
		if g.msgPerReq.Sign() <= 0 {
			g.msgPerReq = decInt(int64(w.AsyncCallsOut))
		}
		k := g.msgPerReq
		switch rb.cloud {
		case "aws":
			// send + receive + delete, each billed per 64 KB chunk
			g.q, g.qPerReq = need("sqs-standard"), k.Mul(decInt(3*chunks(64)))
		case "azure":
			// send + receive + complete (peek-lock), each per 64 KB chunk
			g.q, g.qPerReq = need("servicebus-basic"), k.Mul(decInt(3*chunks(64)))
		case "gcp":
			// publish + delivery, each at least 1,000 bytes
			bytes := max(int64(1000), int64(g.payloadKB)*1024)
			g.q, g.qPerReq = need("pubsub"), k.Mul(decInt(2*bytes)).DivRound(tib, 24)
		}
	}
	if missing != "" {
		return nil, missing
	}
	return g, ""
}

func (g *gluePricer) usages(v dec, out []usage) []usage {
	if g.q != nil {
		out = append(out, usage{m: g.q, qty: v.Mul(g.qPerReq)})
	}
	if g.egress != nil {
		out = append(out, usage{m: g.egress, qty: v.Mul(g.egressGB)})
	}
	return out
}

func (g *gluePricer) explain(a []string, w *Workload, v dec) []string {
	if g.q != nil {
		msgs := num(v.Mul(g.msgPerReq), 0) + " message(s) a month (" + sig3(g.msgPerReq) + " per request) over " +
			itoa(int64(w.AsyncCallsOut)) + " async call(s), at most what the consumers declare they receive"
		switch g.cloud {
		case "aws":
			a = append(a, "Async calls: SQS standard, "+msgs+"; each message costs send, receive and delete requests per 64 KB of its "+itoa(int64(g.payloadKB))+" KB payload (no batching assumed).")
		case "azure":
			a = append(a, "Async calls: Service Bus Basic (queues only, no base fee: cheaper than Standard's $9.81 base at every volume), "+msgs+"; send, receive and complete operations per 64 KB.")
		case "gcp":
			a = append(a, "Async calls: Pub/Sub, "+msgs+"; publish and delivery each bill max(1,000 bytes, "+itoa(int64(g.payloadKB))+" KB x 1,024).")
		}
	}
	if g.egress != nil {
		unit, tiers := "GB", "the volume tiers"
		if g.cloud == "gcp" {
			unit, tiers = "GiB", "the Premium Tier volume tiers"
		}
		a = append(a, "Internet egress: every response ("+w.ResponseKB.String()+" KB on average) leaves the cloud, "+
			num(v.Mul(g.egressGB), 2)+" "+unit+" a month at "+tiers+"; the free allowance is once per account.")
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
	out := make(map[string]Quote, len(Clouds))
	v := decOf(w.RequestsPerMonth)
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
			bl := bill{rb: rb, freeTier: s.FreeTier}
			bl.run(us)
			q.Monthly, q.Lines, q.FreeTierSavings = bl.total.Shop(), bl.lines, bl.savings.Shop()
			q.Assumptions = g.explain(nil, &w, v)
			q.Assumptions = append(q.Assumptions, bl.estimateNotes()...)
		}
		out[cloud] = q
	}
	return out
}
