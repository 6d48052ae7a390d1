package importer

import (
	"os"
	"path/filepath"
	"testing"
)

// seeds are small inputs reaching most of each reader.
var composeSeeds = []string{
	"services:\n  web:\n    image: a/web:1\n    ports: [\"8080:80\", {target: 80, published: 81, host_ip: 127.0.0.1}]\n    environment: [API_URL=http://api:9, DB_PASSWORD=x]\n    depends_on: {api: {condition: service_started}}\n    deploy: {replicas: 2, resources: {limits: {cpus: '0.5', memory: 512M}, reservations: {devices: [{capabilities: [gpu], count: 2}]}}}\n    volumes: [data:/d, ./x:/x, {type: volume, source: v, target: /v}]\n  api: {build: ., expose: ['9'], user: root, read_only: true, privileged: true, cap_add: [X], healthcheck: {test: x}}\n  db: {image: postgres:16}\nvolumes: {data: {}}\n",
	"x-base: &base\n  image: a\nservices:\n  a:\n    <<: *base\n    depends_on: [b]\n  b: *base\n",
	"services: {}\n",
}

var kubernetesSeeds = []string{
	"apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: n}\nspec:\n  replicas: 2\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers:\n        - name: web\n          image: a@sha256:00\n          env: [{name: X_URL, value: 'http://api.n.svc:80'}, {name: TOKEN, value: t}]\n          resources: {limits: {cpu: 500m, memory: 1Gi, nvidia.com/gpu: 1}}\n          securityContext: {privileged: true, runAsUser: 0, readOnlyRootFilesystem: true}\n      volumes: [{name: d, persistentVolumeClaim: {claimName: c}}, {name: h, hostPath: {path: /}}]\n---\napiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: n}\nspec: {type: LoadBalancer, selector: {app: web}, ports: [{port: 80}]}\n---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: h, namespace: n}\nspec: {scaleTargetRef: {kind: Deployment, name: web}, minReplicas: 1, maxReplicas: 3}\n",
	"apiVersion: v1\nkind: List\nitems:\n  - apiVersion: batch/v1\n    kind: CronJob\n    metadata: {name: c}\n    spec: {schedule: '@daily', jobTemplate: {spec: {activeDeadlineSeconds: 60, template: {spec: {containers: [{image: x}]}}}}}\n",
	"---\n# Source: chart/templates/x.yaml\n---\napiVersion: serving.knative.dev/v1\nkind: Service\nmetadata: {name: k}\nspec: {template: {spec: {containerConcurrency: 4, containers: [{image: k}]}}}\n---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: i}\nspec: {rules: [{http: {paths: [{backend: {service: {name: k}}}]}}]}\n",
}

// fuzzRead checks a reader never panics, returns a *SourceError (or a list)
// on failure, and that whatever it accepts renders to a profile that parses.
func fuzzRead(t *testing.T, f Format, name string, data []byte) {
	d, err := f.Read(name, data)
	if err != nil {
		switch err.(type) {
		case *SourceError, SourceErrors:
		default:
			t.Fatalf("error of type %T: %v", err, err)
		}
		return
	}
	if d == nil {
		t.Fatal("no draft and no error")
	}
	m := Merge(d)
	if len(m.Components) == 0 {
		return
	}
	if _, err := Render(m, "fuzz"); err != nil {
		t.Fatalf("the draft of an accepted input does not render: %v", err)
	}
}

func FuzzComposeRead(f *testing.F) {
	for _, s := range composeSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		composeFormat{}.Detect("compose.yaml", data)
		fuzzRead(t, composeFormat{}, "compose.yaml", data)
	})
}

func FuzzKubernetesRead(f *testing.F) {
	for _, s := range kubernetesSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		kubernetesFormat{}.Detect("k8s.yaml", data)
		fuzzRead(t, kubernetesFormat{}, "k8s.yaml", data)
	})
}

// FuzzImportFile imports one file of any content under any of the names the
// formats look at: never a panic, and a draft with components renders.
func FuzzImportFile(f *testing.F) {
	names := []string{"compose.yaml", "deploy.yaml", "serverless.yml", "template.json", "main.tf"}
	for i, s := range append(append([]string{}, composeSeeds...), kubernetesSeeds...) {
		f.Add(uint8(i), []byte(s))
	}
	f.Fuzz(func(t *testing.T, which uint8, data []byte) {
		dir := t.TempDir()
		p := filepath.Join(dir, names[int(which)%len(names)])
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := Import([]string{p}, Options{})
		if err != nil {
			return
		}
		if len(out.Draft.Components) > 0 {
			if _, err := out.Render(""); err != nil {
				t.Fatalf("render: %v", err)
			}
		}
	})
}
