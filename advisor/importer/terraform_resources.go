package importer

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// tfMappers turn one resource into a component.
var tfMappers = map[string]func(m *tfModule, res *tfResource, c *Component, info *tfCompInfo){
	"aws_lambda_function":             (*tfModule).mapLambda,
	"aws_ecs_task_definition":         (*tfModule).mapTaskDefinition,
	"google_cloud_run_v2_service":     (*tfModule).mapCloudRun,
	"google_cloudfunctions2_function": (*tfModule).mapCloudFunction,
	"azurerm_linux_function_app":      (*tfModule).mapFunctionApp,
	"azurerm_windows_function_app":    (*tfModule).mapFunctionApp,
	"azurerm_container_app":           (*tfModule).mapContainerApp,
	"kubernetes_deployment":           (*tfModule).mapDeployment,
	"kubernetes_deployment_v1":        (*tfModule).mapDeployment,
	"aws_ecs_service":                 nil, // merged into its task definition's component by mapResources
	"aws_lambda_event_source_mapping": nil, // read by link
	"aws_lambda_permission":           nil,
	"aws_lambda_function_url":         nil,
	"aws_sqs_queue":                   nil,
	"aws_iam_role":                    nil,
	"aws_iam_policy":                  nil,
	"aws_iam_role_policy":             nil,
	"aws_iam_role_policy_attachment":  nil,
	"aws_cloudwatch_event_rule":       nil,
	"aws_cloudwatch_event_target":     nil,
	"kubernetes_service":              nil, // read by link; listed as unknown when it selects no deployment
	"kubernetes_service_v1":           nil,
}

// mapResources makes components of the mapped resources and lists the others
// as unknown.
func (m *tfModule) mapResources() {
	for _, res := range m.resources {
		mapper, known := tfMappers[res.Type]
		if !known {
			text := res.Type + " " + res.Name
			if m.prefix != "" {
				text += " (module " + m.prefix + ")"
			}
			m.r.draft.Unknown = append(m.r.draft.Unknown, Note{From: tfSource(res.Block.DefRange()), Text: text})
			continue
		}
		if mapper == nil {
			continue
		}
		m.newComponent(res, mapper)
	}
	for _, res := range m.resources {
		if res.Type == "aws_ecs_service" {
			m.mapService(res)
		}
	}
}

func (m *tfModule) newComponent(res *tfResource, mapper func(*tfModule, *tfResource, *Component, *tfCompInfo)) *Component {
	c := &Component{Name: res.Name, Kind: res.Type, From: tfSource(res.Block.DefRange())}
	info := &tfCompInfo{res: res}
	if m.info == nil {
		m.info = map[*Component]*tfCompInfo{}
	}
	m.info[c] = info
	res.Comp = c
	for _, meta := range []string{"count", "for_each"} {
		if a, ok := res.Block.Body.Attributes[meta]; ok {
			m.r.note(a.SrcRange, fmt.Sprintf("%s uses %s; read as one component", m.label(res), meta))
		}
	}
	if mapper != nil {
		mapper(m, res, c, info)
	}
	m.tags(res, c)
	m.comps = append(m.comps, c)
	m.r.draft.Components = append(m.r.draft.Components, c)
	return c
}

func (m *tfModule) mapLambda(res *tfResource, c *Component, info *tfCompInfo) {
	body := res.Block.Body
	if n, a, ok := m.integer(res, body, "memory_size"); ok {
		m.setMemory(c, res, n, a.SrcRange, fmt.Sprintf("memory_size %d", n))
	}
	if n, a, ok := m.integer(res, body, "timeout"); ok {
		m.setDuration(c, res, time.Duration(n)*time.Second, a.SrcRange, fmt.Sprintf("timeout %d s", n))
	}
	if s, a, ok := m.str(res, body, "runtime"); ok && s != "" {
		m.set(c, "security.runtime.language_runtime", s, a, "runtime "+s)
	}
	if v, a, ok := m.value(res, body, "architectures"); ok {
		if archs, ok := tfStrings(v); ok && len(archs) > 0 {
			switch archs[0] {
			case "arm64":
				m.set(c, "execution.arch", "arm", a, "architectures arm64")
			case "x86_64":
				m.set(c, "execution.arch", "x86", a, "architectures x86_64")
			}
		}
	}
	if s, a, ok := m.str(res, body, "package_type"); ok && s == "Image" {
		m.set(c, "dependencies.container_image", true, a, "package_type Image")
	}
	if s, a, ok := m.str(res, body, "image_uri"); ok && s != "" {
		m.set(c, "dependencies.container_image", true, a, "image_uri")
		m.set(c, "security.supply_chain.image_ref", s, a, "image_uri")
	}
	if n, a, ok := m.integer(res, body, "reserved_concurrent_executions"); ok {
		switch {
		case n == 0:
			m.r.note(a.SrcRange, fmt.Sprintf("%s: reserved_concurrent_executions 0 stops the function from running", m.label(res)))
		case n > 0:
			m.setCount(c, res, "resilience.max_concurrency", n, 1, 1000000, a.SrcRange, fmt.Sprintf("reserved_concurrent_executions %d", n))
		}
	}
	if env := m.block(res, body, "environment"); env != nil {
		m.applyEnv(c, info, m.envMap(res, env, "variables"))
	}
	if es := m.block(res, body, "ephemeral_storage"); es != nil {
		if n, a, ok := m.integer(res, es, "size"); ok {
			m.setCount(c, res, "execution.ephemeral_storage_mb", n, 0, 1048576, a.SrcRange, fmt.Sprintf("ephemeral_storage.size %d", n))
		}
	}
	if vpc := m.block(res, body, "vpc_config"); vpc != nil {
		rng := res.Block.Body.Blocks[tfBlockIndex(body, "vpc_config")].DefRange()
		m.setAt(c, "requires.vpc", true, rng, "vpc_config")
		m.setAt(c, "security.network.vpc_attached", true, rng, "vpc_config")
	}
	if tr := m.block(res, body, "tracing_config"); tr != nil {
		if s, a, ok := m.str(res, tr, "mode"); ok {
			m.set(c, "observability.tracing", s == "Active", a, "tracing_config mode "+s)
		}
	}
	if dlq := m.block(res, body, "dead_letter_config"); dlq != nil {
		if a, ok := dlq.Attributes["target_arn"]; ok {
			m.set(c, "resilience.dlq", true, a, "dead_letter_config")
		}
	}
	if a, ok := body.Attributes["role"]; ok {
		info.roles, info.roleRng = tfRefsOfType(a.Expr, "aws_iam_role"), a.SrcRange
	}
}

func tfBlockIndex(body *hclsyntax.Body, typ string) int {
	for i, b := range body.Blocks {
		if b.Type == typ {
			return i
		}
	}
	return 0
}

func tfRefsOfType(expr hclsyntax.Expression, typ string) []tfRef {
	var out []tfRef
	for _, r := range tfRefs(expr) {
		if r.Type == typ {
			out = append(out, r)
		}
	}
	return out
}

func (m *tfModule) mapTaskDefinition(res *tfResource, c *Component, info *tfCompInfo) {
	body := res.Block.Body
	if s, a, ok := m.str(res, body, "cpu"); ok {
		if units, ok := tfCPU(s); ok {
			m.setVCPU(c, res, units/1024, a.SrcRange, fmt.Sprintf("cpu %s units", s))
		}
	}
	if s, a, ok := m.str(res, body, "memory"); ok {
		if mb, ok := tfMemoryMB(s + "Mi"); ok {
			m.setMemory(c, res, mb, a.SrcRange, fmt.Sprintf("memory %s MiB", s))
		}
	}
	if v, a, ok := m.value(res, body, "requires_compatibilities"); ok {
		if list, ok := tfStrings(v); ok {
			m.r.note(a.SrcRange, fmt.Sprintf("%s: requires_compatibilities %s", m.label(res), strings.Join(list, ", ")))
		}
	}
	if es := m.block(res, body, "ephemeral_storage"); es != nil {
		if n, a, ok := m.integer(res, es, "size_in_gib"); ok {
			m.setCount(c, res, "execution.ephemeral_storage_mb", n*1024, 0, 1048576, a.SrcRange, fmt.Sprintf("ephemeral_storage.size_in_gib %d", n))
		}
	}
	if rp := m.block(res, body, "runtime_platform"); rp != nil {
		if s, a, ok := m.str(res, rp, "cpu_architecture"); ok {
			switch s {
			case "ARM64":
				m.set(c, "execution.arch", "arm", a, "cpu_architecture ARM64")
			case "X86_64":
				m.set(c, "execution.arch", "x86", a, "cpu_architecture X86_64")
			}
		}
		if s, a, ok := m.str(res, rp, "operating_system_family"); ok && strings.HasPrefix(s, "WINDOWS") {
			m.set(c, "execution.os", "windows", a, "operating_system_family "+s)
		}
	}
	if a, ok := body.Attributes["task_role_arn"]; ok {
		info.roles, info.roleRng = tfRefsOfType(a.Expr, "aws_iam_role"), a.SrcRange
	}
	m.containerDefinitions(res, c, info)
}

// containerDefinitions reads the ECS container definitions JSON: image,
// privileged, readonlyRootFilesystem and user from the first container (the
// main one by convention), the environment of all.
func (m *tfModule) containerDefinitions(res *tfResource, c *Component, info *tfCompInfo) {
	v, a, ok := m.tfDocument(res, res.Block.Body, "container_definitions")
	if !ok || !v.IsKnown() || !v.CanIterateElements() || v.Type().IsMapType() || v.Type().IsObjectType() {
		if ok {
			m.r.note(a.SrcRange, fmt.Sprintf("%s: container_definitions is not a list of containers", m.label(res)))
		}
		return
	}
	var envs []tfEnv
	i := -1
	for it := v.ElementIterator(); it.Next(); {
		i++
		_, ctr := it.Element()
		idx := fmt.Sprint(i)
		at := func(key string) hcl.Range { return m.keyRange(a, idx, key) }
		if b, ok := tfBool(tfAttr(ctr, "privileged")); ok && b {
			m.setAt(c, "requires.privileged", true, at("privileged"), "container privileged")
		}
		if i == 0 {
			m.containerMain(res, c, ctr, at)
		}
		if env := tfAttr(ctr, "environment"); env != cty.NilVal && env.IsKnown() && env.CanIterateElements() {
			j := -1
			for it := env.ElementIterator(); it.Next(); {
				j++
				_, e := it.Element()
				name, ok := tfString(tfAttr(e, "name"))
				if !ok {
					continue
				}
				envs = append(envs, tfEnv{Name: name, Value: tfAttr(e, "value"), Rng: m.keyRange(a, idx, "environment", fmt.Sprint(j), "name")})
			}
		}
		if sec := tfAttr(ctr, "secrets"); sec != cty.NilVal && sec.IsKnown() && sec.CanIterateElements() {
			j := -1
			for it := sec.ElementIterator(); it.Next(); {
				j++
				_, e := it.Element()
				if name, ok := tfString(tfAttr(e, "name")); ok {
					envs = append(envs, tfEnv{Name: name, SecretRef: true, Rng: m.keyRange(a, idx, "secrets", fmt.Sprint(j), "name")})
				}
			}
		}
	}
	// References from the JSON (a queue URL in an environment value) are in
	// the jsonencode argument: record them once for the whole document.
	if call, ok := a.Expr.(*hclsyntax.FunctionCallExpr); ok {
		for _, ref := range tfRefs(call) {
			info.envRefs = append(info.envRefs, tfEnvRef{Ref: ref, Rng: ref.Range})
		}
	}
	m.applyEnv(c, info, envs)
}

func (m *tfModule) containerMain(res *tfResource, c *Component, ctr cty.Value, at func(string) hcl.Range) {
	image := tfAttr(ctr, "image")
	if image != cty.NilVal {
		m.setAt(c, "dependencies.container_image", true, at("image"), "container image")
		if s, ok := tfString(image); ok && s != "" {
			m.setAt(c, "security.supply_chain.image_ref", s, at("image"), "container image")
		} else {
			m.r.note(at("image"), fmt.Sprintf("%s: the container image is not static; image_ref left unset", m.label(res)))
		}
	}
	if b, ok := tfBool(tfAttr(ctr, "readonlyRootFilesystem")); ok {
		m.setAt(c, "security.runtime.read_only_root_fs", b, at("readonlyRootFilesystem"), "readonlyRootFilesystem")
	}
	if u, ok := tfString(tfAttr(ctr, "user")); ok && u != "" {
		user := strings.SplitN(u, ":", 2)[0]
		m.setAt(c, "security.runtime.run_as_non_root", user != "root" && user != "0", at("user"), "user "+u)
	}
}

// mapService merges an aws_ecs_service into the component of its task
// definition; a service whose task definition is not in the files is a
// component of its own.
func (m *tfModule) mapService(res *tfResource) {
	body := res.Block.Body
	var c *Component
	if a, ok := body.Attributes["task_definition"]; ok {
		for _, ref := range tfRefsOfType(a.Expr, "aws_ecs_task_definition") {
			if td := m.byAddr[ref.Type+"."+ref.Name]; td != nil && td.Comp != nil && td.Comp.Kind == "aws_ecs_task_definition" {
				c = td.Comp
				c.Name, c.Kind, c.From = res.Name, "aws_ecs_service", tfSource(res.Block.DefRange())
				m.info[c].res = res
				res.Comp = c
				break
			}
		}
	}
	if c == nil {
		c = m.newComponent(res, nil)
	}
	if n, a, ok := m.integer(res, body, "desired_count"); ok {
		m.setCount(c, res, "execution.min_instances", n, 0, 1000, a.SrcRange, fmt.Sprintf("desired_count %d", n))
	}
	if s, a, ok := m.str(res, body, "launch_type"); ok {
		m.r.note(a.SrcRange, fmt.Sprintf("%s: launch_type %s", m.label(res), s))
	}
	for _, b := range res.Block.Body.Blocks {
		if b.Type == "load_balancer" {
			m.trigger(c, "http", b.DefRange(), "load_balancer")
			break
		}
	}
}

func (m *tfModule) mapCloudRun(res *tfResource, c *Component, info *tfCompInfo) {
	body := res.Block.Body
	c.Trigger, c.TriggerFrom, c.TriggerWhy = "http", tfSource(res.Block.DefRange()), "Cloud Run service"
	if s, a, ok := m.str(res, body, "ingress"); ok {
		switch s {
		case "INGRESS_TRAFFIC_ALL":
			m.set(c, "security.exposure", "public", a, "ingress "+s)
		case "INGRESS_TRAFFIC_INTERNAL_ONLY", "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER":
			m.set(c, "security.exposure", "internal", a, "ingress "+s)
		}
	}
	m.scaling(res, c, m.block(res, body, "scaling"))
	tmpl := m.block(res, body, "template")
	if tmpl == nil {
		return
	}
	m.scaling(res, c, m.block(res, tmpl, "scaling"))
	m.serviceAccount(res, c, tmpl, "service_account", "template.service_account")
	if n, a, ok := m.integer(res, tmpl, "max_instance_request_concurrency"); ok {
		m.setCount(c, res, "execution.concurrency", n, 1, 1000, a.SrcRange, fmt.Sprintf("max_instance_request_concurrency %d", n))
	}
	if s, a, ok := m.str(res, tmpl, "timeout"); ok {
		if d, err := time.ParseDuration(s); err == nil {
			m.setDuration(c, res, d, a.SrcRange, "timeout "+s)
		}
	}
	ctrs := m.blocks(res, tmpl, "containers")
	if len(ctrs) == 0 {
		return
	}
	ctr := ctrs[0]
	if static, a := m.containerImage(res, c, ctr); !static && a != nil {
		m.set(c, "dependencies.container_image", true, a, "container image") // an image, if not a static one
	}
	if r := m.block(res, ctr, "resources"); r != nil {
		m.limits(res, c, r, "limits")
	}
	var envs []tfEnv
	for _, ct := range ctrs {
		envs = append(envs, m.envBlocks(res, ct, "value_source")...)
	}
	m.applyEnv(c, info, envs)
}

// scaling reads min_instance_count and max_instance_count.
func (m *tfModule) scaling(res *tfResource, c *Component, body *hclsyntax.Body) {
	if body == nil {
		return
	}
	if n, a, ok := m.integer(res, body, "min_instance_count"); ok {
		m.setCount(c, res, "execution.min_instances", n, 0, 1000, a.SrcRange, fmt.Sprintf("min_instance_count %d", n))
	}
	if n, a, ok := m.integer(res, body, "max_instance_count"); ok && n > 0 {
		m.setCount(c, res, "resilience.max_concurrency", n, 1, 1000000, a.SrcRange, fmt.Sprintf("max_instance_count %d", n))
	}
}

// limits reads a Kubernetes-style resources map (limits = { cpu, memory,
// nvidia.com/gpu }).
func (m *tfModule) limits(res *tfResource, c *Component, body *hclsyntax.Body, name string) bool {
	v, a, ok := m.value(res, body, name)
	if !ok {
		return false
	}
	found := false
	if s, ok := tfString(tfAttr(v, "cpu")); ok {
		if cpu, ok := tfCPU(s); ok {
			m.setVCPU(c, res, cpu, a.SrcRange, name+".cpu "+s)
			found = true
		}
	}
	if s, ok := tfString(tfAttr(v, "memory")); ok {
		if mb, ok := tfMemoryMB(s); ok {
			m.setMemory(c, res, mb, a.SrcRange, name+".memory "+s)
			found = true
		}
	}
	if s, ok := tfString(tfAttr(v, "nvidia.com/gpu")); ok {
		if n, ok := tfCPU(s); ok && n == float64(int64(n)) {
			m.setCount(c, res, "execution.gpu", int64(n), 0, 16, a.SrcRange, name+" nvidia.com/gpu "+s)
		}
	}
	return found
}

func (m *tfModule) mapCloudFunction(res *tfResource, c *Component, info *tfCompInfo) {
	body := res.Block.Body
	if bc := m.block(res, body, "build_config"); bc != nil {
		if s, a, ok := m.str(res, bc, "runtime"); ok && s != "" {
			m.set(c, "security.runtime.language_runtime", s, a, "build_config.runtime "+s)
		}
	}
	if sc := m.block(res, body, "service_config"); sc != nil {
		if s, a, ok := m.str(res, sc, "available_memory"); ok {
			if mb, ok := tfMemoryMB(s); ok {
				m.setMemory(c, res, mb, a.SrcRange, "available_memory "+s)
			}
		}
		if s, a, ok := m.str(res, sc, "available_cpu"); ok {
			if cpu, ok := tfCPU(s); ok {
				m.setVCPU(c, res, cpu, a.SrcRange, "available_cpu "+s)
			}
		}
		if n, a, ok := m.integer(res, sc, "timeout_seconds"); ok {
			m.setDuration(c, res, time.Duration(n)*time.Second, a.SrcRange, fmt.Sprintf("timeout_seconds %d", n))
		}
		m.scaling(res, c, sc)
		m.serviceAccount(res, c, sc, "service_account_email", "service_config.service_account_email")
		if n, a, ok := m.integer(res, sc, "max_instance_request_concurrency"); ok {
			m.setCount(c, res, "execution.concurrency", n, 1, 1000, a.SrcRange, fmt.Sprintf("max_instance_request_concurrency %d", n))
		}
		if s, a, ok := m.str(res, sc, "ingress_settings"); ok {
			switch s {
			case "ALLOW_ALL":
				m.set(c, "security.exposure", "public", a, "ingress_settings "+s)
			case "ALLOW_INTERNAL_ONLY", "ALLOW_INTERNAL_AND_GCLB":
				m.set(c, "security.exposure", "internal", a, "ingress_settings "+s)
			}
		}
		envs := m.envMap(res, sc, "environment_variables")
		for _, b := range m.blocks(res, sc, "secret_environment_variables") {
			if k, a, ok := m.str(res, b, "key"); ok {
				envs = append(envs, tfEnv{Name: k, SecretRef: true, Rng: a.SrcRange})
			}
		}
		m.applyEnv(c, info, envs)
	}
	if et := m.block(res, body, "event_trigger"); et != nil {
		rng := res.Block.Body.Blocks[tfBlockIndex(body, "event_trigger")].DefRange()
		s, a, ok := m.str(res, et, "event_type")
		switch {
		case !ok:
			m.trigger(c, "event", rng, "event_trigger")
		case strings.HasPrefix(s, "google.cloud.pubsub."):
			m.trigger(c, "queue", a.SrcRange, "event_type "+s)
		case strings.HasPrefix(s, "google.cloud.storage."):
			m.trigger(c, "storage", a.SrcRange, "event_type "+s)
		default:
			m.trigger(c, "event", a.SrcRange, "event_type "+s)
		}
		if s, a, ok := m.str(res, et, "retry_policy"); ok && s == "RETRY_POLICY_RETRY" {
			m.r.note(a.SrcRange, fmt.Sprintf("%s: failed events are retried (retry_policy %s)", m.label(res), s))
		}
	} else {
		m.trigger(c, "http", res.Block.DefRange(), "no event_trigger: an HTTP function")
	}
}

func (m *tfModule) mapFunctionApp(res *tfResource, c *Component, info *tfCompInfo) {
	body := res.Block.Body
	if res.Type == "azurerm_windows_function_app" {
		m.setAt(c, "execution.os", "windows", res.Block.DefRange(), res.Type)
	}
	if sc := m.block(res, body, "site_config"); sc != nil {
		if stack := m.block(res, sc, "application_stack"); stack != nil {
			for _, s := range []struct{ attr, prefix string }{
				{"python_version", "python"}, {"node_version", "nodejs"}, {"dotnet_version", "dotnet"},
				{"java_version", "java"}, {"powershell_core_version", "powershell"},
			} {
				if v, a, ok := m.str(res, stack, s.attr); ok && v != "" {
					m.set(c, "security.runtime.language_runtime", s.prefix+strings.TrimPrefix(v, "v"), a, s.attr+" "+v)
				}
			}
			if d := m.block(res, stack, "docker"); d != nil {
				image, a, ok := m.str(res, d, "image_name")
				if a != nil {
					m.set(c, "dependencies.container_image", true, a, "application_stack.docker")
				}
				if ok {
					if tag, _, ok := m.str(res, d, "image_tag"); ok && tag != "" {
						image += ":" + tag
					}
					if reg, _, ok := m.str(res, d, "registry_url"); ok && reg != "" {
						image = strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(reg, "https://"), "http://"), "/") + "/" + image
					}
					m.set(c, "security.supply_chain.image_ref", image, a, "application_stack.docker")
				}
			}
		}
		if n, a, ok := m.integer(res, sc, "app_scale_limit"); ok && n > 0 {
			m.setCount(c, res, "resilience.max_concurrency", n, 1, 1000000, a.SrcRange, fmt.Sprintf("app_scale_limit %d", n))
		}
		if n, a, ok := m.integer(res, sc, "elastic_instance_minimum"); ok {
			m.setCount(c, res, "execution.min_instances", n, 0, 1000, a.SrcRange, fmt.Sprintf("elastic_instance_minimum %d", n))
		}
	}
	if b, a, ok := m.boolean(res, body, "public_network_access_enabled"); ok && !b {
		m.set(c, "security.exposure", "internal", a, "public_network_access_enabled false")
	}
	m.applyEnv(c, info, m.envMap(res, body, "app_settings"))
	if s, a, ok := m.str(res, body, "storage_account_access_key"); ok && s != "" {
		m.set(c, "security.secrets.static_cloud_keys", true, a, "storage_account_access_key is a literal key")
	}
	m.r.note(res.Block.DefRange(), fmt.Sprintf("%s: Azure Functions triggers are bindings in the function code, not in Terraform; trigger left to fill in", m.label(res)))
}

func (m *tfModule) mapContainerApp(res *tfResource, c *Component, info *tfCompInfo) {
	body := res.Block.Body
	if ing := m.block(res, body, "ingress"); ing != nil {
		rng := res.Block.Body.Blocks[tfBlockIndex(body, "ingress")].DefRange()
		m.trigger(c, "http", rng, "ingress")
		if b, a, ok := m.boolean(res, ing, "external_enabled"); ok {
			exposure := "internal"
			if b {
				exposure = "public"
			}
			m.set(c, "security.exposure", exposure, a, fmt.Sprintf("ingress external_enabled %t", b))
		}
	}
	tmpl := m.block(res, body, "template")
	if tmpl == nil {
		return
	}
	if n, a, ok := m.integer(res, tmpl, "min_replicas"); ok {
		m.setCount(c, res, "execution.min_instances", n, 0, 1000, a.SrcRange, fmt.Sprintf("min_replicas %d", n))
	}
	if n, a, ok := m.integer(res, tmpl, "max_replicas"); ok && n > 0 {
		m.setCount(c, res, "resilience.max_concurrency", n, 1, 1000000, a.SrcRange, fmt.Sprintf("max_replicas %d", n))
	}
	ctrs := m.blocks(res, tmpl, "container")
	if len(ctrs) == 0 {
		return
	}
	ctr := ctrs[0]
	m.containerImage(res, c, ctr)
	if f, a, ok := m.number(res, ctr, "cpu"); ok {
		m.setVCPU(c, res, f, a.SrcRange, fmt.Sprintf("cpu %g", f))
	}
	if s, a, ok := m.str(res, ctr, "memory"); ok {
		if mb, ok := tfMemoryMB(s); ok {
			m.setMemory(c, res, mb, a.SrcRange, "memory "+s)
		}
	}
	var envs []tfEnv
	for _, ct := range ctrs {
		envs = append(envs, m.envBlocks(res, ct, "secret_name")...)
	}
	m.applyEnv(c, info, envs)
}

func (m *tfModule) mapDeployment(res *tfResource, c *Component, info *tfCompInfo) {
	spec := m.block(res, res.Block.Body, "spec")
	if spec == nil {
		return
	}
	if v, a, ok := m.value(res, spec, "replicas"); ok {
		if n, ok := tfInt(v); ok {
			m.setCount(c, res, "execution.min_instances", n, 0, 1000, a.SrcRange, fmt.Sprintf("replicas %d", n))
		}
	}
	pod := m.block(res, m.block(res, spec, "template"), "spec")
	if pod == nil {
		return
	}
	if psc := m.block(res, pod, "security_context"); psc != nil {
		m.securityContext(res, c, psc)
	}
	ctrs := m.blocks(res, pod, "container")
	var envs []tfEnv
	for i, ctr := range ctrs {
		if i == 0 {
			m.containerImage(res, c, ctr)
			if r := m.block(res, ctr, "resources"); r != nil {
				limited := m.limits(res, c, r, "limits")
				if !limited {
					m.limits(res, c, r, "requests")
				} else if a := r.Attributes["limits"]; a != nil {
					m.set(c, "security.runtime.resource_limits", true, a, "resources.limits")
				}
			}
			for _, probe := range []string{"liveness_probe", "readiness_probe", "startup_probe"} {
				if b := m.block(res, ctr, probe); b != nil {
					m.setAt(c, "observability.health_checks", true, ctr.Blocks[tfBlockIndex(ctr, probe)].DefRange(), probe)
					break
				}
			}
		}
		if sc := m.block(res, ctr, "security_context"); sc != nil {
			m.securityContext(res, c, sc)
		}
		envs = append(envs, m.envBlocks(res, ctr, "value_from")...)
	}
	m.applyEnv(c, info, envs)
}

// securityContext reads a Kubernetes security_context block (pod or
// container level; the container's, read later, wins).
func (m *tfModule) securityContext(res *tfResource, c *Component, sc *hclsyntax.Body) {
	if b, a, ok := m.boolean(res, sc, "privileged"); ok {
		m.set(c, "requires.privileged", b, a, fmt.Sprintf("privileged %t", b))
	}
	if b, a, ok := m.boolean(res, sc, "read_only_root_filesystem"); ok {
		m.set(c, "security.runtime.read_only_root_fs", b, a, fmt.Sprintf("read_only_root_filesystem %t", b))
	}
	if b, a, ok := m.boolean(res, sc, "allow_privilege_escalation"); ok {
		m.set(c, "security.runtime.allow_privilege_escalation", b, a, fmt.Sprintf("allow_privilege_escalation %t", b))
	}
	if b, a, ok := m.boolean(res, sc, "run_as_non_root"); ok {
		m.set(c, "security.runtime.run_as_non_root", b, a, fmt.Sprintf("run_as_non_root %t", b))
	} else if s, a, ok := m.str(res, sc, "run_as_user"); ok && !tfHas(c, "security.runtime.run_as_non_root") {
		m.set(c, "security.runtime.run_as_non_root", s != "0", a, "run_as_user "+s)
	}
}

// serviceAccount: a Google Cloud service or function without a service
// account runs as the project's default compute service account.
func (m *tfModule) serviceAccount(res *tfResource, c *Component, body *hclsyntax.Body, attr, path string) {
	if a, ok := body.Attributes[attr]; ok {
		m.set(c, "security.identity.uses_default_service_account", false, a, path+" is set")
		return
	}
	m.setAt(c, "security.identity.uses_default_service_account", true, res.Block.DefRange(), "no "+path+": runs as the default compute service account")
}

// tags maps a resource's static tags (AWS, Azure) or labels (Google Cloud)
// to tags.<key>, so the cost allocation rules see them at their source.
func (m *tfModule) tags(res *tfResource, c *Component) {
	attr := "tags"
	switch {
	case strings.HasPrefix(res.Type, "google_"):
		attr = "labels"
	case strings.HasPrefix(res.Type, "kubernetes_"):
		return // metadata labels select pods; they are not cost tags
	}
	if _, ok := res.Block.Body.Attributes[attr]; !ok {
		return
	}
	v, a, ok := m.value(res, res.Block.Body, attr)
	if !ok {
		return
	}
	if !v.CanIterateElements() || !(v.Type().IsMapType() || v.Type().IsObjectType()) {
		m.wrongType(res, a, attr, "a map of strings")
		return
	}
	values := map[string]string{}
	var keys []string
	for it := v.ElementIterator(); it.Next(); {
		k, e := it.Element()
		key, ok1 := tfString(k)
		val, ok2 := tfString(e)
		if !ok1 || !ok2 || key == "" {
			continue
		}
		values[key] = val
		keys = append(keys, key)
	}
	sort.Strings(keys)
	for _, k := range keys {
		m.setAt(c, "tags."+k, values[k], a.SrcRange, attr+"."+k)
	}
}

// containerImage records a container block's static image (the component
// ships a container image; its reference for the supply-chain rules) and
// returns whether it was static and the attribute, if any.
func (m *tfModule) containerImage(res *tfResource, c *Component, ctr *hclsyntax.Body) (bool, *hclsyntax.Attribute) {
	s, a, ok := m.str(res, ctr, "image")
	if ok {
		m.set(c, "dependencies.container_image", true, a, "container image")
		m.set(c, "security.supply_chain.image_ref", s, a, "container image")
	}
	return ok, a
}
