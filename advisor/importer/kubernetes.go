package importer

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"
	"gopkg.in/yaml.v3"
)

// kubernetesFormat reads Kubernetes manifests (multi-document, plain or
// rendered by Helm): each workload (Deployment, StatefulSet, DaemonSet, Job,
// CronJob, Pod, Knative Service) becomes a component; Services, Ingresses,
// HorizontalPodAutoscalers, NetworkPolicies and PersistentVolumeClaims amend
// the workloads they select; any other kind is listed as unknown.
type kubernetesFormat struct{}

func (kubernetesFormat) Name() string { return "Kubernetes" }

// Detect accepts YAML whose first object has a string apiVersion and kind
// (not a hybridadvisor profile).
func (kubernetesFormat) Detect(name string, data []byte) bool {
	text := string(data)
	if !strings.Contains(text, "apiVersion") || !strings.Contains(text, "kind") {
		return false
	}
	dec := yaml.NewDecoder(strings.NewReader(text))
	for range 8 {
		var n yaml.Node
		if err := ynDecodeOne(dec, &n); err != nil {
			return false
		}
		top := ynResolve(&n)
		if top == nil {
			continue // an empty document (Helm leaves them)
		}
		api, ok1 := ynStr(ynGet(top, "apiVersion"))
		kind, ok2 := ynStr(ynGet(top, "kind"))
		if ok1 && ok2 && api != "" && kind != "" {
			return !strings.HasPrefix(api, "hybridadvisor/")
		}
	}
	return false
}

// k8sObject is one manifest object.
type k8sObject struct {
	api, kind, name, namespace string
	node                       *yaml.Node
	helmSource                 string // the chart template, from Helm's "# Source:" comment
}

// k8sWorkload is a workload being turned into a component.
type k8sWorkload struct {
	obj       *k8sObject
	pod       *yaml.Node // the pod spec
	podLabels map[string]string
	c         *Component
	image     string
	backing   string
	minSet    bool
}

type k8sReader struct {
	file      string // the file being collected
	fileOf    map[*yaml.Node]string
	d         *Draft
	objs      []*k8sObject
	workloads []*k8sWorkload
}

func (f kubernetesFormat) Read(name string, data []byte) (*Draft, error) {
	d, err := f.ReadGroup("", "", []InputFile{{Name: name, Data: data}})
	var list SourceErrors
	if errors.As(err, &list) && len(list) == 1 {
		return nil, list[0]
	}
	return d, err
}

// GroupByRoot: the manifests under the path the user gave are read together,
// whatever their directory, since a Service or an Ingress in one file selects
// the Deployment of another.
func (kubernetesFormat) GroupByRoot() bool { return true }

// ReadGroup reads manifests together; a malformed file is reported and the
// others are still read.
func (kubernetesFormat) ReadGroup(root, dir string, files []InputFile) (*Draft, error) {
	r := &k8sReader{d: &Draft{}, fileOf: map[*yaml.Node]string{}}
	var errs SourceErrors
	for _, f := range files {
		docs, err := ynDecodeAll(f.Name, f.Data)
		if err != nil {
			errs = append(errs, asSourceError(f.Name, err))
			continue
		}
		r.file = f.Name
		before := len(r.objs)
		failed := false
		for i, doc := range docs {
			top := ynResolve(doc)
			if top == nil {
				continue
			}
			if err := r.collect(doc, top, i+1, 0); err != nil {
				errs = append(errs, err)
				failed = true
				break
			}
		}
		if failed {
			r.objs = r.objs[:before]
		}
	}
	r.read()
	if len(errs) > 0 {
		return r.d, errs
	}
	return r.d, nil
}

// src is a node's position in the file it was read from.
func (r *k8sReader) src(n *yaml.Node) Source {
	if n == nil {
		return Source{File: r.file}
	}
	file, ok := r.fileOf[n]
	if !ok {
		file = r.file
	}
	return ynSrc(file, n)
}

// collect records one object (a List's items each).
func (r *k8sReader) collect(doc, top *yaml.Node, docIndex, depth int) *SourceError {
	if top.Kind == yaml.ScalarNode && top.Tag == "!!null" {
		return nil // an empty document: Helm writes one per template that renders nothing
	}
	markFile(r.fileOf, top, r.file, 0)
	if top.Kind != yaml.MappingNode {
		return &SourceError{Source: r.src(top), Message: fmt.Sprintf("document %d is not a mapping; a Kubernetes object is a mapping with apiVersion and kind", docIndex)}
	}
	api, _ := ynStr(ynGet(top, "apiVersion"))
	kind, _ := ynStr(ynGet(top, "kind"))
	if api == "" && kind == "" {
		r.d.Notes = append(r.d.Notes, Note{From: r.src(top), Text: fmt.Sprintf("document %d has no apiVersion and kind: not a Kubernetes object, ignored", docIndex)})
		return nil
	}
	if kind == "" {
		return &SourceError{Source: r.src(ynKey(top, "apiVersion")), Message: "the object has an apiVersion but no kind"}
	}
	if strings.HasSuffix(kind, "List") && ynGet(top, "items") != nil && depth == 0 {
		for _, item := range ynItems(ynGet(top, "items")) {
			if err := r.collect(nil, item, docIndex, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	o := &k8sObject{api: api, kind: kind, node: top}
	o.name, _ = ynStr(ynPath(top, "metadata", "name"))
	o.namespace, _ = ynStr(ynPath(top, "metadata", "namespace"))
	if o.namespace == "" {
		o.namespace = "default"
	}
	if o.name == "" {
		o.name = strings.ToLower(kind)
	}
	for _, n := range []*yaml.Node{doc, top} {
		if n == nil {
			continue
		}
		if s := helmSource(n.HeadComment); s != "" {
			o.helmSource = s
		}
	}
	if len(top.Content) > 0 && o.helmSource == "" {
		o.helmSource = helmSource(top.Content[0].HeadComment)
	}
	r.objs = append(r.objs, o)
	return nil
}

func helmSource(comment string) string {
	for _, line := range strings.Split(comment, "\n") {
		if s, ok := strings.CutPrefix(strings.TrimSpace(line), "# Source:"); ok {
			return strings.TrimSpace(s)
		}
	}
	return ""
}

// podSpecPath is where each workload kind keeps its pod template.
func podSpecPath(o *k8sObject) (metaPath, specPath []string, ok bool) {
	switch {
	case strings.HasPrefix(o.api, "serving.knative.dev/") && o.kind == "Service":
		return []string{"spec", "template", "metadata"}, []string{"spec", "template", "spec"}, true
	case o.kind == "Deployment" || o.kind == "StatefulSet" || o.kind == "DaemonSet" || o.kind == "ReplicaSet" || o.kind == "Job":
		return []string{"spec", "template", "metadata"}, []string{"spec", "template", "spec"}, true
	case o.kind == "CronJob":
		return []string{"spec", "jobTemplate", "spec", "template", "metadata"}, []string{"spec", "jobTemplate", "spec", "template", "spec"}, true
	case o.kind == "Pod":
		return []string{"metadata"}, []string{"spec"}, true
	}
	return nil, nil, false
}

// supportKinds amend workloads instead of becoming components.
var supportKinds = map[string]bool{"Service": true, "Ingress": true, "HorizontalPodAutoscaler": true, "NetworkPolicy": true, "PersistentVolumeClaim": true,
	"HTTPRoute": true, "Trigger": true}

func (r *k8sReader) read() {
	pvcs := map[string]*k8sObject{}
	usedPVC := map[*k8sObject]bool{}
	for _, o := range r.objs {
		if o.kind == "PersistentVolumeClaim" {
			pvcs[o.namespace+"/"+o.name] = o
		}
	}
	for _, o := range r.objs {
		metaPath, specPath, ok := podSpecPath(o)
		if !ok {
			if !supportKinds[o.kind] || strings.HasPrefix(o.api, "serving.knative.dev/") || (o.kind == "Trigger" && !strings.HasPrefix(o.api, "eventing.knative.dev/")) {
				r.d.Unknown = append(r.d.Unknown, Note{From: r.src(o.node), Text: fmt.Sprintf("Kubernetes %s %s (%s)", o.kind, o.name, o.api)})
			}
			continue
		}
		w := &k8sWorkload{obj: o, pod: ynPath(o.node, specPath...), podLabels: labels(ynPath(o.node, append(metaPath, "labels")...))}
		kind := "Kubernetes " + o.kind
		if strings.HasPrefix(o.api, "serving.knative.dev/") {
			kind = "Knative Service"
		}
		if o.helmSource != "" {
			kind += " (Helm " + o.helmSource + ")"
		}
		w.c = &Component{Name: o.name, Kind: kind, From: r.src(ynPath(o.node, "metadata", "name"))}
		if w.c.From.Line == 0 {
			w.c.From = r.src(o.node)
		}
		containers := ynItems(ynGet(w.pod, "containers"))
		if len(containers) > 0 {
			w.image, _ = ynStr(ynGet(containers[0], "image"))
			w.backing = backingService(w.image)
		}
		r.workloads = append(r.workloads, w)
		r.workload(w, containers, pvcs, usedPVC)
	}
	for _, o := range r.objs {
		switch o.kind {
		case "Service":
			if !strings.HasPrefix(o.api, "serving.knative.dev/") {
				r.service(o)
			}
		case "Ingress":
			r.ingress(o)
		case "HTTPRoute":
			r.httpRoute(o)
		case "Trigger":
			if strings.HasPrefix(o.api, "eventing.knative.dev/") {
				r.knativeTrigger(o)
			}
		case "HorizontalPodAutoscaler":
			r.hpa(o)
		case "NetworkPolicy":
			r.networkPolicy(o)
		case "PersistentVolumeClaim":
			if !usedPVC[o] {
				r.d.Notes = append(r.d.Notes, Note{From: r.src(o.node), Text: "PersistentVolumeClaim " + o.name + " is used by no workload in these manifests"})
			}
		}
	}
	r.calls()
	for _, w := range r.workloads {
		if w.backing != "" {
			r.d.Unknown = append(r.d.Unknown, Note{From: w.c.From,
				Text: fmt.Sprintf("Kubernetes %s %s (image %s) is a %s backing service: not imported as a component (its callers get requires.vpc)", w.obj.kind, w.obj.name, w.image, w.backing)})
			continue
		}
		r.d.Components = append(r.d.Components, w.c)
	}
}

func labels(n *yaml.Node) map[string]string {
	out := map[string]string{}
	for _, p := range ynPairs(n) {
		k, _ := ynStr(p[0])
		v, _ := ynStr(p[1])
		out[k] = v
	}
	return out
}

func (r *k8sReader) add(w *k8sWorkload, path string, v any, at *yaml.Node, why string) {
	for _, f := range w.c.Fields {
		if f.Path == path {
			return // the first statement wins (workload before Service, container before pod)
		}
	}
	w.c.Fields = append(w.c.Fields, Field{Path: path, Value: v, From: r.src(at), Why: why})
}

func (r *k8sReader) note(at *yaml.Node, text string) {
	r.d.Notes = append(r.d.Notes, Note{From: r.src(at), Text: text})
}

func (r *k8sReader) workload(w *k8sWorkload, containers []*yaml.Node, pvcs map[string]*k8sObject, usedPVC map[*k8sObject]bool) {
	o, c := w.obj, w.c
	spec := ynGet(o.node, "spec")
	switch {
	case strings.HasPrefix(o.api, "serving.knative.dev/"):
		c.Trigger, c.TriggerFrom, c.TriggerWhy = "http", r.src(ynKey(o.node, "kind")), "Knative Service"
		if v := labels(ynPath(o.node, "metadata", "labels"))["networking.knative.dev/visibility"]; v == "cluster-local" {
			r.add(w, "security.exposure", "internal", ynPath(o.node, "metadata", "labels"), "visibility: cluster-local")
		} else {
			r.add(w, "security.exposure", "public", ynKey(o.node, "kind"), "a Knative Service is public unless cluster-local")
		}
		if cc := ynGet(w.pod, "containerConcurrency"); cc != nil {
			if v, ok := ynInt(cc); ok && v > 0 {
				r.add(w, "execution.concurrency", min(v, 1000), cc, "containerConcurrency "+strconv.Itoa(v))
			}
		}
		if ts := ynGet(w.pod, "timeoutSeconds"); ts != nil {
			if v, ok := ynInt(ts); ok && v > 0 {
				r.add(w, "execution.max_duration", time.Duration(v)*time.Second, ts, "timeoutSeconds "+strconv.Itoa(v))
			}
		}
		ann := ynPath(o.node, "spec", "template", "metadata", "annotations")
		for _, p := range ynPairs(ann) {
			k, _ := ynStr(p[0])
			v, _ := ynStr(p[1])
			switch k {
			case "autoscaling.knative.dev/min-scale", "autoscaling.knative.dev/minScale":
				if n, err := strconv.Atoi(v); err == nil && n >= 0 {
					r.add(w, "execution.min_instances", min(n, 1000), p[1], k+" "+v)
					w.minSet = true
				}
			case "autoscaling.knative.dev/max-scale", "autoscaling.knative.dev/maxScale":
				r.note(p[1], fmt.Sprintf("%s: %s %s (at most %s instances) is not a profile field", o.name, k, v, v))
			}
		}
	case o.kind == "StatefulSet":
		r.add(w, "state", "stateful", ynKey(o.node, "kind"), "StatefulSet")
		for _, t := range ynItems(ynGet(spec, "volumeClaimTemplates")) {
			n, _ := ynStr(ynPath(t, "metadata", "name"))
			r.add(w, "requires.persistent_volume", true, t, "volumeClaimTemplates "+n)
		}
	case o.kind == "DaemonSet":
		r.add(w, "requires.kubernetes_api", true, ynKey(o.node, "kind"), "DaemonSet: a pod on every node")
	case o.kind == "Job":
		c.Trigger, c.TriggerFrom, c.TriggerWhy = "manual", r.src(ynKey(o.node, "kind")), "Job: runs to completion when created"
	case o.kind == "CronJob":
		sched := ynGet(spec, "schedule")
		s, _ := ynStr(sched)
		c.Trigger, c.TriggerFrom, c.TriggerWhy = "schedule", r.src(sched), "schedule "+s
		if runs, ok := cronRunsPerMonth(s); ok {
			r.add(w, "traffic.requests_per_month", runs.IntPart(), sched, "schedule "+s+": about "+runs.String()+" runs a month")
		}
	}
	jobSpec := spec
	if o.kind == "CronJob" {
		jobSpec = ynPath(spec, "jobTemplate", "spec")
	}
	if o.kind == "Job" || o.kind == "CronJob" {
		if ad := ynGet(jobSpec, "activeDeadlineSeconds"); ad != nil {
			if v, ok := ynInt(ad); ok && v > 0 {
				r.add(w, "execution.max_duration", time.Duration(v)*time.Second, ad, "activeDeadlineSeconds "+strconv.Itoa(v))
			}
		}
	}
	if rep := ynGet(spec, "replicas"); rep != nil && (o.kind == "Deployment" || o.kind == "StatefulSet" || o.kind == "ReplicaSet") {
		if v, ok := ynInt(rep); ok && v >= 0 {
			r.add(w, "execution.min_instances", min(v, 1000), rep, "replicas "+strconv.Itoa(v))
		}
	}
	r.podFacts(w, containers, pvcs, usedPVC)
}

// podFacts reads the pod spec: images, resources, security contexts,
// volumes, probes and environment.
func (r *k8sReader) podFacts(w *k8sWorkload, containers []*yaml.Node, pvcs map[string]*k8sObject, usedPVC map[*k8sObject]bool) {
	pod, name := w.pod, w.obj.name
	if len(containers) == 0 {
		r.note(w.obj.node, name+": the pod template has no containers")
		return
	}
	main := containers[0]
	if img := ynGet(main, "image"); img != nil {
		r.add(w, "dependencies.container_image", true, img, "image")
		if w.image != "" {
			r.add(w, "security.supply_chain.image_ref", w.image, img, "")
			if interpolated(w.image) || strings.Contains(w.image, "{{") {
				r.note(img, fmt.Sprintf("%s: image %s holds an unresolved variable", name, w.image))
			}
		}
	}
	for _, side := range containers[1:] {
		cn, _ := ynStr(ynGet(side, "name"))
		img, _ := ynStr(ynGet(side, "image"))
		r.note(side, fmt.Sprintf("%s: container %s (%s) runs beside %s; its resources are added to the pod's", name, cn, img, mainName(main)))
	}
	for _, ic := range ynItems(ynGet(pod, "initContainers")) {
		cn, _ := ynStr(ynGet(ic, "name"))
		r.note(ic, fmt.Sprintf("%s: init container %s is not mapped", name, cn))
	}

	// Resources: the pod's total of limits, else requests.
	memSum, cpuSum, gpuSum := decimal.Zero, decimal.Zero, decimal.Zero
	var memAt, cpuAt, gpuAt *yaml.Node
	var memWhy, cpuWhy []string
	allLimited := true
	for _, ctr := range containers {
		res := ynGet(ctr, "resources")
		lim, req := ynGet(res, "limits"), ynGet(res, "requests")
		if ynGet(lim, "memory") == nil {
			allLimited = false
		}
		for _, q := range []struct {
			key   string
			sum   *decimal.Decimal
			at    **yaml.Node
			why   *[]string
			which string
		}{{"memory", &memSum, &memAt, &memWhy, ""}, {"cpu", &cpuSum, &cpuAt, &cpuWhy, ""}} {
			n, label := ynGet(lim, q.key), "limits."+q.key
			if n == nil {
				n, label = ynGet(req, q.key), "requests."+q.key
			}
			text, ok := ynStr(n)
			if !ok {
				continue
			}
			v, ok := parseQuantity(text)
			if !ok {
				r.note(n, fmt.Sprintf("%s: %s %q is not a Kubernetes quantity", name, label, text))
				continue
			}
			*q.sum = q.sum.Add(v)
			if *q.at == nil {
				*q.at = n
			}
			*q.why = append(*q.why, label+" "+text)
		}
		if g := ynGet(lim, "nvidia.com/gpu"); g != nil {
			if text, ok := ynStr(g); ok {
				if v, ok := parseQuantity(text); ok {
					gpuSum = gpuSum.Add(v)
					if gpuAt == nil {
						gpuAt = g
					}
				}
			}
		}
	}
	if memAt != nil {
		if mb, ok := bytesToMB(memSum); ok {
			r.add(w, "execution.memory_mb", mb, memAt, strings.Join(memWhy, " + "))
		}
	}
	if cpuAt != nil {
		if v, ok := cpuValue(cpuSum); ok {
			r.add(w, "execution.vcpu", v, cpuAt, strings.Join(cpuWhy, " + "))
		}
	}
	if gpuAt != nil && gpuSum.IsPositive() {
		r.add(w, "execution.gpu", int(gpuSum.Ceil().IntPart()), gpuAt, "nvidia.com/gpu")
	}
	if allLimited {
		r.add(w, "security.runtime.resource_limits", true, ynPath(main, "resources", "limits"), "limits.memory on every container")
	} else {
		r.add(w, "security.runtime.resource_limits", false, ynKey(main, "name"), "a container without limits.memory")
	}

	// Security contexts: the main container's, else the pod's.
	csc, psc := ynGet(main, "securityContext"), ynGet(pod, "securityContext")
	for _, ctr := range containers {
		sc := ynGet(ctr, "securityContext")
		if p := ynGet(sc, "privileged"); p != nil {
			if v, ok := ynBool(p); ok && v {
				r.add(w, "requires.privileged", true, p, "privileged: true")
			}
		}
		if a := ynPath(sc, "capabilities", "add"); a != nil && len(ynItems(a)) > 0 {
			r.add(w, "requires.privileged", true, a, "capabilities.add")
		}
	}
	for _, sc := range []*yaml.Node{csc, psc} {
		if n := ynGet(sc, "runAsNonRoot"); n != nil {
			if v, ok := ynBool(n); ok {
				r.add(w, "security.runtime.run_as_non_root", v, n, "runAsNonRoot")
			}
		}
		if n := ynGet(sc, "runAsUser"); n != nil {
			if v, ok := ynInt(n); ok {
				r.add(w, "security.runtime.run_as_non_root", v != 0, n, "runAsUser "+strconv.Itoa(v))
			}
		}
	}
	if n := ynGet(csc, "readOnlyRootFilesystem"); n != nil {
		if v, ok := ynBool(n); ok {
			r.add(w, "security.runtime.read_only_root_fs", v, n, "readOnlyRootFilesystem")
		}
	}
	if n := ynGet(csc, "allowPrivilegeEscalation"); n != nil {
		if v, ok := ynBool(n); ok {
			r.add(w, "security.runtime.allow_privilege_escalation", v, n, "allowPrivilegeEscalation")
		}
	}
	for _, d := range ynItems(ynPath(csc, "capabilities", "drop")) {
		if t, _ := ynStr(d); strings.EqualFold(t, "ALL") {
			r.add(w, "security.runtime.capabilities_drop_all", true, d, "capabilities.drop: ALL")
		}
	}
	for _, k := range []string{"hostNetwork", "hostPID", "hostIPC"} {
		if n := ynGet(pod, k); n != nil {
			if v, ok := ynBool(n); ok && v {
				r.add(w, "requires.host_access", true, n, k)
			}
		}
	}
	if sa := ynGet(pod, "serviceAccountName"); sa != nil {
		if v, _ := ynStr(sa); v == "default" {
			r.add(w, "security.identity.uses_default_service_account", true, sa, "serviceAccountName: default")
		} else {
			r.add(w, "security.identity.uses_default_service_account", false, sa, "serviceAccountName "+v)
		}
	} else if am, ok := ynBool(ynGet(pod, "automountServiceAccountToken")); !ok || am {
		r.add(w, "security.identity.uses_default_service_account", true, objNameNode(w.obj), "no serviceAccountName")
	}

	// Volumes.
	for _, v := range ynItems(ynGet(pod, "volumes")) {
		if claim := ynPath(v, "persistentVolumeClaim", "claimName"); claim != nil {
			cn, _ := ynStr(claim)
			r.add(w, "state", "stateful", claim, "persistentVolumeClaim "+cn)
			r.add(w, "requires.persistent_volume", true, claim, "persistentVolumeClaim "+cn)
			if p := pvcs[w.obj.namespace+"/"+cn]; p != nil {
				usedPVC[p] = true
			}
		}
		if hp := ynGet(v, "hostPath"); hp != nil {
			p, _ := ynStr(ynGet(hp, "path"))
			r.add(w, "requires.host_access", true, hp, "hostPath "+p)
		}
	}

	// Probes.
	for _, p := range []string{"readinessProbe", "livenessProbe", "startupProbe"} {
		if n := ynGet(main, p); n != nil {
			r.add(w, "observability.health_checks", true, ynKey(main, p), p)
			break
		}
	}

	// Secrets in the environment.
	var names []string
	var plaintext, cloudKeys *yaml.Node
	for _, ctr := range containers {
		for _, e := range ynItems(ynGet(ctr, "env")) {
			key, _ := ynStr(ynGet(e, "name"))
			if !secretName(key) && !cloudKeyName(key) {
				continue
			}
			names = append(names, key)
			if val, ok := ynStr(ynGet(e, "value")); ok && val != "" && !interpolated(val) && !strings.Contains(val, "{{") {
				if plaintext == nil {
					plaintext = e
				}
				if cloudKeyName(key) && cloudKeys == nil {
					cloudKeys = e
				}
			}
		}
	}
	if plaintext != nil {
		k, _ := ynStr(ynGet(plaintext, "name"))
		r.add(w, "security.secrets.source", "plaintext_env", plaintext, k+" holds a literal value")
	}
	if cloudKeys != nil {
		k, _ := ynStr(ynGet(cloudKeys, "name"))
		r.add(w, "security.secrets.static_cloud_keys", true, cloudKeys, k)
	}
	if len(names) > 0 {
		sort.Strings(names)
		r.add(w, "security.secrets.names", compactStrings(names), ynKey(main, "env"), "")
	}
}

// objNameNode is the node of an object's name, for facts about the whole
// object.
func objNameNode(o *k8sObject) *yaml.Node {
	if n := ynPath(o.node, "metadata", "name"); n != nil {
		return n
	}
	return o.node
}

func mainName(ctr *yaml.Node) string {
	n, _ := ynStr(ynGet(ctr, "name"))
	return n
}

// selected returns the workloads in namespace ns whose pod labels match selector.
func (r *k8sReader) selected(ns string, selector map[string]string) []*k8sWorkload {
	var out []*k8sWorkload
	if len(selector) == 0 {
		return nil
	}
	for _, w := range r.workloads {
		if w.obj.namespace != ns {
			continue
		}
		match := true
		for k, v := range selector {
			if w.podLabels[k] != v {
				match = false
				break
			}
		}
		if match {
			out = append(out, w)
		}
	}
	return out
}

// serviceTargets are the workloads behind the Service ns/name.
func (r *k8sReader) serviceTargets(ns, name string) []*k8sWorkload {
	for _, o := range r.objs {
		if o.kind == "Service" && o.namespace == ns && o.name == name && !strings.HasPrefix(o.api, "serving.knative.dev/") {
			return r.selected(ns, labels(ynPath(o.node, "spec", "selector")))
		}
	}
	for _, w := range r.workloads {
		if w.obj.namespace == ns && w.obj.name == name && strings.HasPrefix(w.obj.api, "serving.knative.dev/") {
			return []*k8sWorkload{w}
		}
	}
	return nil
}

func (r *k8sReader) service(o *k8sObject) {
	spec := ynGet(o.node, "spec")
	targets := r.selected(o.namespace, labels(ynGet(spec, "selector")))
	if len(targets) == 0 {
		r.note(o.node, "Service "+o.name+" selects no workload in these manifests")
		return
	}
	typ, _ := ynStr(ynGet(spec, "type"))
	var httpPort *yaml.Node
	for _, p := range ynItems(ynGet(spec, "ports")) {
		port, _ := ynStr(ynGet(p, "targetPort"))
		if port == "" {
			port, _ = ynStr(ynGet(p, "port"))
		}
		if proto, ok := knownPorts[port]; ok {
			r.note(p, fmt.Sprintf("Service %s: port %s is %s, not HTTP", o.name, port, proto))
			continue
		}
		if httpPort == nil {
			httpPort = p
		}
	}
	if httpPort == nil {
		return
	}
	for _, w := range targets {
		if w.c.Trigger == "" {
			w.c.Trigger, w.c.TriggerFrom, w.c.TriggerWhy = "http", r.src(httpPort), "Service "+o.name
		}
		switch typ {
		case "LoadBalancer", "NodePort":
			r.add(w, "security.exposure", "public", ynGet(spec, "type"), "Service "+o.name+" type "+typ)
		case "", "ClusterIP":
			r.add(w, "security.exposure", "internal", httpPort, "Service "+o.name+" is reachable inside the cluster only")
		}
	}
}

// ingress makes the workloads behind each backend public HTTP components.
func (r *k8sReader) ingress(o *k8sObject) {
	spec := ynGet(o.node, "spec")
	var backends []*yaml.Node
	if b := ynGet(spec, "defaultBackend"); b != nil {
		backends = append(backends, b)
	}
	if b := ynGet(spec, "backend"); b != nil {
		backends = append(backends, b)
	}
	for _, rule := range ynItems(ynGet(spec, "rules")) {
		for _, p := range ynItems(ynPath(rule, "http", "paths")) {
			if b := ynGet(p, "backend"); b != nil {
				backends = append(backends, b)
			}
		}
	}
	found := false
	for _, b := range backends {
		svc, _ := ynStr(ynPath(b, "service", "name"))
		if svc == "" {
			svc, _ = ynStr(ynGet(b, "serviceName"))
		}
		if r.publicHTTP(o.namespace, svc, b, "Ingress "+o.name) {
			found = true
		}
	}
	if !found {
		r.note(o.node, "Ingress "+o.name+" routes to no workload in these manifests")
	}
}

// publicHTTP makes the workloads behind Service svc in ns public HTTP
// components, routed by (a node of) via, and reports whether there were any.
// The route decides exposure over the Service's type.
func (r *k8sReader) publicHTTP(ns, svc string, node *yaml.Node, via string) bool {
	targets := r.serviceTargets(ns, svc)
	for _, w := range targets {
		if w.c.Trigger == "" {
			w.c.Trigger, w.c.TriggerFrom, w.c.TriggerWhy = "http", r.src(node), via
		}
		w.c.Fields = dropField(w.c.Fields, "security.exposure")
		r.add(w, "security.exposure", "public", node, via+" routes to Service "+svc)
	}
	return len(targets) > 0
}

// httpRoute (Gateway API) makes the workloads behind its backendRefs public
// HTTP components, as an Ingress does.
func (r *k8sReader) httpRoute(o *k8sObject) {
	found := false
	for _, rule := range ynItems(ynPath(o.node, "spec", "rules")) {
		for _, ref := range ynItems(ynGet(rule, "backendRefs")) {
			if k, ok := ynStr(ynGet(ref, "kind")); ok && k != "Service" {
				continue
			}
			svc, _ := ynStr(ynGet(ref, "name"))
			ns := o.namespace
			if n, ok := ynStr(ynGet(ref, "namespace")); ok && n != "" {
				ns = n
			}
			if r.publicHTTP(ns, svc, ref, "HTTPRoute "+o.name) {
				found = true
			}
		}
	}
	if !found {
		r.note(o.node, "HTTPRoute "+o.name+" routes to no workload in these manifests")
	}
}

// knativeTrigger makes a Knative Service that a broker's Trigger delivers
// events to an event-triggered component.
func (r *k8sReader) knativeTrigger(o *k8sObject) {
	ref := ynPath(o.node, "spec", "subscriber", "ref")
	name, _ := ynStr(ynGet(ref, "name"))
	ns := o.namespace
	if n, ok := ynStr(ynGet(ref, "namespace")); ok && n != "" {
		ns = n
	}
	for _, w := range r.workloads {
		if w.obj.name == name && w.obj.namespace == ns && strings.HasPrefix(w.obj.api, "serving.knative.dev/") {
			w.c.Trigger, w.c.TriggerFrom, w.c.TriggerWhy = "event", r.src(ref), "Knative Trigger "+o.name
			return
		}
	}
	r.note(o.node, "Knative Trigger "+o.name+" delivers to "+name+", not in these manifests")
}

func dropField(fs []Field, path string) []Field {
	out := fs[:0]
	for _, f := range fs {
		if f.Path != path {
			out = append(out, f)
		}
	}
	return out
}

func (r *k8sReader) hpa(o *k8sObject) {
	spec := ynGet(o.node, "spec")
	kind, _ := ynStr(ynPath(spec, "scaleTargetRef", "kind"))
	name, _ := ynStr(ynPath(spec, "scaleTargetRef", "name"))
	var target *k8sWorkload
	for _, w := range r.workloads {
		if w.obj.kind == kind && w.obj.name == name && w.obj.namespace == o.namespace {
			target = w
		}
	}
	if target == nil {
		r.note(o.node, fmt.Sprintf("HorizontalPodAutoscaler %s scales %s %s, not in these manifests", o.name, kind, name))
		return
	}
	if n := ynGet(spec, "minReplicas"); n != nil {
		if v, ok := ynInt(n); ok && v >= 0 {
			target.c.Fields = dropField(target.c.Fields, "execution.min_instances")
			r.add(target, "execution.min_instances", min(v, 1000), n, "HPA "+o.name+" minReplicas "+strconv.Itoa(v))
		}
	}
	if n := ynGet(spec, "maxReplicas"); n != nil {
		v, _ := ynStr(n)
		r.note(n, fmt.Sprintf("%s: HPA %s maxReplicas %s caps instances, not requests in flight: not mapped", name, o.name, v))
	}
}

func (r *k8sReader) networkPolicy(o *k8sObject) {
	sel := ynPath(o.node, "spec", "podSelector")
	match := labels(ynGet(sel, "matchLabels"))
	for _, w := range r.workloads {
		if w.obj.namespace != o.namespace {
			continue
		}
		ok := true
		for k, v := range match {
			if w.podLabels[k] != v {
				ok = false
			}
		}
		if ok {
			r.add(w, "security.network.network_policy", true, o.node, "NetworkPolicy "+o.name)
		}
	}
}

// calls turns service DNS names in the environment into sync calls: svc,
// svc.ns, svc.ns.svc and svc.ns.svc.cluster.local.
func (r *k8sReader) calls() {
	hosts := map[string][]*k8sWorkload{}
	for _, o := range r.objs {
		if o.kind != "Service" {
			continue
		}
		targets := r.serviceTargets(o.namespace, o.name)
		for _, h := range []string{o.name + "." + o.namespace, o.name + "." + o.namespace + ".svc", o.name + "." + o.namespace + ".svc.cluster.local"} {
			hosts[h] = targets
		}
	}
	for _, w := range r.workloads {
		for _, ctr := range ynItems(ynGet(w.pod, "containers")) {
			for _, e := range ynItems(ynGet(ctr, "env")) {
				key, _ := ynStr(ynGet(e, "name"))
				val, ok := ynStr(ynGet(e, "value"))
				if !ok {
					continue
				}
				h := envHost(key, val)
				if h == "" {
					continue
				}
				targets, ok := hosts[h]
				if !ok {
					targets = hosts[h+"."+w.obj.namespace] // a short name in the caller's namespace
				}
				for _, t := range targets {
					if t == w {
						continue
					}
					if t.backing != "" {
						r.add(w, "requires.vpc", true, e, "uses "+t.obj.name+" ("+t.backing+")")
						continue
					}
					dup := false
					for _, c := range w.c.Calls {
						dup = dup || c.To == t.obj.name
					}
					if !dup {
						w.c.Calls = append(w.c.Calls, Call{To: t.obj.name, Mode: "sync", From: r.src(e), Why: key + "=" + val})
					}
				}
			}
		}
	}
}
