package importer

// ECS services and task definitions in CloudFormation templates.

import (
	"fmt"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// readService makes a component of an ECS service and the task definition it
// runs; it returns that task definition's logical ID, or "".
func (r *cfnReader) readService(id string) string {
	props := r.nodes[id]
	b := newAWSComp(id, "AWS::ECS::Service", r.pos(r.keys[id]))
	r.comps[id] = b
	r.built = append(r.built, id)
	r.used[id] = true
	b.set("dependencies.container_image", true, r.pos(r.keys[id]), "ECS service")
	tdRef := awsGet(props, "TaskDefinition")
	tdID, _, ok := awsRefTarget(tdRef)
	if !ok || r.types[tdID] != "AWS::ECS::TaskDefinition" {
		at := tdRef
		if at == nil {
			at = r.keys[id]
		}
		r.note(at, "service %s runs task definition %s, which is not in this template; its CPU, memory and image are not read", id, cfnOr(slsShowOrEmpty(tdRef), "(none given)"))
		tdID = ""
	}
	mainContainer := ""
	if lbs := awsGet(props, "LoadBalancers"); lbs != nil && len(awsItems(lbs)) > 0 {
		first := awsItems(lbs)[0]
		mainContainer = awsScalarValue(awsGet(first, "ContainerName"))
		why := "LoadBalancers"
		if port := awsScalarValue(awsGet(first, "ContainerPort")); port != "" {
			why += " (container port " + port + ")"
		}
		b.trigger("http", r.pos(lbs), why)
		r.readExposure(b, awsGet(first, "TargetGroupArn"), lbs)
	}
	if tdID != "" {
		r.used[tdID] = true
		r.applyTask(b, tdID, mainContainer)
	}
	if n := awsGet(props, "DesiredCount"); n != nil {
		if v, via, ok := r.int(n, "DesiredCount"); ok {
			r.setInt(b, "execution.min_instances", v, n, fmt.Sprintf("DesiredCount %d%s", v, via))
		}
	}
	return tdID
}

func slsShowOrEmpty(n *yaml.Node) string {
	if n == nil {
		return ""
	}
	return slsShow(n)
}

// readExposure follows target group → listener → load balancer to its
// Scheme: internet-facing (the default) is public, internal is internal.
func (r *cfnReader) readExposure(b *awsComp, tg *yaml.Node, at *yaml.Node) {
	tgID, _, ok := awsRefTarget(tg)
	if !ok || r.types[tgID] != "AWS::ElasticLoadBalancingV2::TargetGroup" {
		r.note(at, "%s is behind a load balancer not in this template; its exposure is not known", b.c.Name)
		return
	}
	r.used[tgID] = true
	for _, lid := range r.referrers[tgID] {
		t := r.types[lid]
		if t != "AWS::ElasticLoadBalancingV2::Listener" && t != "AWS::ElasticLoadBalancingV2::ListenerRule" {
			continue
		}
		r.used[lid] = true
		listener := lid
		if t == "AWS::ElasticLoadBalancingV2::ListenerRule" {
			l, _, ok := awsRefTarget(awsGet(r.nodes[lid], "ListenerArn"))
			if !ok || r.types[l] != "AWS::ElasticLoadBalancingV2::Listener" {
				continue
			}
			r.used[l] = true
			listener = l
		}
		lb, _, ok := awsRefTarget(awsGet(r.nodes[listener], "LoadBalancerArn"))
		if !ok || r.types[lb] != "AWS::ElasticLoadBalancingV2::LoadBalancer" {
			continue
		}
		r.used[lb] = true
		scheme := awsGet(r.nodes[lb], "Scheme")
		switch {
		case scheme == nil:
			b.set("security.exposure", "public", r.pos(r.keys[lb]), "load balancer "+lb+" (Scheme defaults to internet-facing)")
		case awsScalarValue(scheme) == "internal":
			b.set("security.exposure", "internal", r.pos(scheme), "load balancer "+lb+" Scheme internal")
		case awsScalarValue(scheme) == "internet-facing":
			b.set("security.exposure", "public", r.pos(scheme), "load balancer "+lb+" Scheme internet-facing")
		default:
			r.note(scheme, "load balancer %s: Scheme is not a literal; exposure not set", lb)
		}
		return
	}
	r.note(at, "%s: no listener in this template forwards to target group %s; exposure not set", b.c.Name, tgID)
}

func cfnContains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// readLoneTask makes a component of a task definition no service runs (a
// scheduled or on-demand task).
func (r *cfnReader) readLoneTask(id string) {
	b := newAWSComp(id, "AWS::ECS::TaskDefinition", r.pos(r.keys[id]))
	r.comps[id] = b
	r.built = append(r.built, id)
	r.used[id] = true
	b.set("dependencies.container_image", true, r.pos(r.keys[id]), "ECS task definition")
	r.note(r.keys[id], "task definition %s is run by no ECS service in this template; imported as a component of its own", id)
	r.applyTask(b, id, "")
}

// cfnCPU reads ECS task CPU: "256" units (1024 per vCPU) or "0.5 vCPU".
func cfnCPU(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if v, ok := strings.CutSuffix(strings.ToLower(s), "vcpu"); ok {
		f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		return f, err == nil && f > 0
	}
	n, err := strconv.Atoi(s)
	return float64(n) / 1024, err == nil && n > 0
}

// cfnMemory reads ECS memory: "512" MiB or "2 GB".
func cfnMemory(s string) (int, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if v, ok := strings.CutSuffix(s, "gb"); ok {
		f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		return int(f * 1024), err == nil && f > 0
	}
	n, err := strconv.Atoi(s)
	return n, err == nil && n > 0
}

// cfnNumber is v as the profile wants it: int when whole, float64 otherwise.
func cfnNumber(v float64) any {
	if v == float64(int(v)) {
		return int(v)
	}
	return v
}

// applyTask maps a task definition onto b: task size, architecture, role, and
// the main container (main names it; else the first essential one).
func (r *cfnReader) applyTask(b *awsComp, tdID, main string) {
	props := r.nodes[tdID]
	containers := awsItems(awsGet(props, "ContainerDefinitions"))
	var mc *yaml.Node
	var others []string
	for _, c := range containers {
		name := awsScalarValue(awsGet(c, "Name"))
		switch {
		case mc == nil && main != "" && name == main:
			mc = c
		case mc == nil && main == "":
			if e, ok := awsBool(awsGet(c, "Essential")); !ok || e {
				mc = c
				continue
			}
			others = append(others, cfnOr(name, "(unnamed)"))
		default:
			others = append(others, cfnOr(name, "(unnamed)"))
		}
	}
	if mc == nil && len(containers) > 0 {
		mc = containers[0]
	}

	taskCPU, taskMem := false, false
	if n := awsGet(props, "Cpu"); n != nil {
		if s, via, ok := r.str(n, "Cpu", false); ok {
			if v, ok := cfnCPU(s); ok && v <= 192 {
				taskCPU = true
				b.set("execution.vcpu", cfnNumber(v), r.pos(n), fmt.Sprintf("task %s Cpu %s%s", tdID, s, via))
			} else {
				r.note(n, "task %s Cpu %q is not a CPU size; not set", tdID, s)
			}
		}
	}
	if n := awsGet(props, "Memory"); n != nil {
		if s, via, ok := r.str(n, "Memory", false); ok {
			if v, ok := cfnMemory(s); ok {
				taskMem = true
				r.setInt(b, "execution.memory_mb", v, n, fmt.Sprintf("task %s Memory %s%s", tdID, s, via))
			} else {
				r.note(n, "task %s Memory %q is not a memory size; not set", tdID, s)
			}
		}
	}
	if !taskCPU || !taskMem {
		// EC2 tasks may size only their containers: the task is their sum.
		cpu, mem := 0, 0
		var cpuAt, memAt *yaml.Node
		for _, c := range containers {
			if n := awsGet(c, "Cpu"); n != nil {
				if v, ok := awsInt(n); ok {
					cpu += v
					cpuAt = cfnFirst(cpuAt, n)
				}
			}
			n := awsGet(c, "Memory")
			if n == nil {
				n = awsGet(c, "MemoryReservation")
			}
			if v, ok := awsInt(n); ok {
				mem += v
				memAt = cfnFirst(memAt, n)
			}
		}
		if !taskCPU && cpu > 0 {
			b.set("execution.vcpu", cfnNumber(float64(cpu)/1024), r.pos(cpuAt), fmt.Sprintf("containers' Cpu %d units", cpu))
		}
		if !taskMem && mem > 0 {
			r.setInt(b, "execution.memory_mb", mem, memAt, fmt.Sprintf("containers' Memory %d MiB", mem))
		}
	}
	if taskCPU && taskMem {
		b.set("security.runtime.resource_limits", true, r.pos(awsGetKey(props, "Cpu")), "task Cpu and Memory")
	}
	if n := awsPath(props, "RuntimePlatform", "CpuArchitecture"); n != nil {
		if s, via, ok := r.str(n, "RuntimePlatform.CpuArchitecture", false); ok {
			if a, ok := awsArch(s); ok {
				b.set("execution.arch", a, r.pos(n), "RuntimePlatform.CpuArchitecture "+s+via)
			}
		}
	}
	if n := awsPath(props, "EphemeralStorage", "SizeInGiB"); n != nil {
		if v, via, ok := r.int(n, "EphemeralStorage.SizeInGiB"); ok {
			r.setInt(b, "execution.ephemeral_storage_mb", v*1024, n, fmt.Sprintf("EphemeralStorage.SizeInGiB %d%s", v, via))
		}
	}
	for _, k := range []string{"NetworkMode", "PidMode", "IpcMode"} {
		if n := awsGet(props, k); awsScalarValue(n) == "host" {
			b.set("requires.host_access", true, r.pos(n), k+" host")
		}
	}
	if role := awsGet(props, "TaskRoleArn"); role != nil {
		r.readRoleRef(b, role, "TaskRoleArn")
	}
	if role := awsGet(props, "ExecutionRoleArn"); role != nil {
		if rid, _, ok := awsRefTarget(role); ok && r.types[rid] == "AWS::IAM::Role" {
			r.used[rid] = true
		}
	}
	for _, v := range awsItems(awsGet(props, "Volumes")) {
		if awsGet(v, "EFSVolumeConfiguration") != nil {
			r.note(v, "task %s mounts an EFS volume: shared files, not local disk", tdID)
		} else if hp := awsPath(v, "Host", "SourcePath"); hp != nil {
			b.set("requires.host_access", true, r.pos(hp), "host path volume")
		}
	}
	if len(others) > 0 {
		r.note(r.keys[tdID], "task %s also runs %s; only the main container %s is mapped", tdID, strings.Join(others, ", "), awsScalarValue(awsGet(mc, "Name")))
	}
	if mc != nil {
		r.applyContainer(b, mc)
	}
}

func cfnFirst(a, b *yaml.Node) *yaml.Node {
	if a != nil {
		return a
	}
	return b
}

// applyContainer maps an ECS container definition.
func (r *cfnReader) applyContainer(b *awsComp, c *yaml.Node) {
	name := awsScalarValue(awsGet(c, "Name"))
	if n := awsGet(c, "Image"); n != nil {
		if s, via, ok := r.str(n, "container "+name+" Image", true); ok {
			b.set("security.supply_chain.image_ref", s, r.pos(n), "container "+name+" Image"+via)
		}
	}
	var env []awsEnvVar
	for _, e := range awsItems(awsGet(c, "Environment")) {
		k := awsGetKey(e, "Name")
		kn := awsGet(e, "Name")
		v := awsGet(e, "Value")
		if k == nil || !awsIsScalar(kn) {
			continue
		}
		env = append(env, awsEnvVar{name: kn.Value, key: kn, value: v, literal: cfnLiteral(v), where: "container environment " + kn.Value})
	}
	awsMapEnvironment(r.file, r.d, b, env, r.ch)
	var secrets []string
	var first *yaml.Node
	for _, s := range awsItems(awsGet(c, "Secrets")) {
		if n := awsGet(s, "Name"); awsIsScalar(n) {
			secrets = append(secrets, n.Value)
			first = cfnFirst(first, n)
		}
	}
	if len(secrets) > 0 {
		b.addStrings("security.secrets.names", secrets, r.pos(first), "container Secrets")
		if !b.has("security.secrets.source") {
			b.set("security.secrets.source", "secret_manager", r.pos(first), "container Secrets (valueFrom)")
		}
	}
	if n := awsGet(c, "Privileged"); n != nil {
		if v, ok := awsBool(n); ok && v {
			b.set("requires.privileged", true, r.pos(n), "container "+name+" Privileged")
		}
	}
	if add := awsPath(c, "LinuxParameters", "Capabilities", "Add"); add != nil && len(awsItems(add)) > 0 {
		var caps []string
		for _, a := range awsItems(add) {
			caps = append(caps, awsScalarValue(a))
		}
		b.set("requires.privileged", true, r.pos(add), "container "+name+" adds capabilities "+strings.Join(caps, ", "))
	}
	for _, d := range awsItems(awsPath(c, "LinuxParameters", "Capabilities", "Drop")) {
		if awsScalarValue(d) == "ALL" {
			b.set("security.runtime.capabilities_drop_all", true, r.pos(d), "container "+name+" drops ALL capabilities")
		}
	}
	if n := awsGet(c, "ReadonlyRootFilesystem"); n != nil {
		if v, ok := awsBool(n); ok {
			b.set("security.runtime.read_only_root_fs", v, r.pos(n), "container "+name+" ReadonlyRootFilesystem")
		}
	}
	if n := awsGet(c, "User"); awsIsScalar(n) {
		user, _, _ := strings.Cut(n.Value, ":")
		b.set("security.runtime.run_as_non_root", user != "root" && user != "0", r.pos(n), "container "+name+" User "+n.Value)
	}
	if n := awsGet(c, "HealthCheck"); n != nil {
		b.set("observability.health_checks", true, r.pos(n), "container "+name+" HealthCheck")
	}
	for _, rr := range awsItems(awsGet(c, "ResourceRequirements")) {
		if awsScalarValue(awsGet(rr, "Type")) == "GPU" {
			if v, ok := cfnGPU(awsGet(rr, "Value")); ok {
				b.set("execution.gpu", v, r.pos(awsGet(rr, "Value")), "container "+name+" GPU")
			}
		}
	}
}

func cfnGPU(n *yaml.Node) (int, bool) {
	v, ok := awsInt(n)
	return v, ok && v >= 0 && v <= 16
}

// readScalableTarget maps an ECS service's autoscaling bounds.
func (r *cfnReader) readScalableTarget(id string) {
	props := r.nodes[id]
	var b *awsComp
	for _, ref := range cfnRefsIn(awsGet(props, "ResourceId")) {
		if c := r.comps[ref]; c != nil && r.types[ref] == "AWS::ECS::Service" {
			b = c
			break
		}
	}
	if b == nil {
		return
	}
	r.used[id] = true
	if n := awsGet(props, "MinCapacity"); n != nil {
		if v, via, ok := r.int(n, "MinCapacity"); ok {
			r.setInt(b, "execution.min_instances", v, n, fmt.Sprintf("scalable target %s MinCapacity %d%s", id, v, via))
		}
	}
	if n := awsGet(props, "MaxCapacity"); n != nil {
		if v, via, ok := r.int(n, "MaxCapacity"); ok {
			r.setInt(b, "resilience.max_concurrency", v, n, fmt.Sprintf("scalable target %s MaxCapacity %d%s", id, v, via))
		}
	}
	for _, pid := range r.referring(id, "AWS::ApplicationAutoScaling::ScalingPolicy") {
		r.used[pid] = true
	}
}
