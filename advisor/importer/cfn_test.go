package importer

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCloudFormationGoldens(t *testing.T) {
	runAWSGoldens(t, filepath.Join("testdata", "cloudformation"), cloudFormationFormat{})
}

func TestCloudFormationDetect(t *testing.T) {
	f := cloudFormationFormat{}
	cases := []struct {
		name, data string
		want       bool
	}{
		{"template.yaml", "AWSTemplateFormatVersion: '2010-09-09'\nResources: {}\n", true},
		{"template.yaml", "Transform: AWS::Serverless-2016-10-31\nResources: {}\n", true},
		{"t.yml", "Transform: [AWS::LanguageExtensions, AWS::Serverless-2016-10-31]\n", true},
		{"x.json", `{"Resources": {"Q": {"Type": "AWS::SQS::Queue"}}}`, true},
		{"x.yaml", "Resources:\n  Q:\n    Type: Custom::Thing\n", false},
		{"serverless.yml", "service: a\nprovider:\n  name: aws\n", false},
		{"deploy.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: AWS::x}\n", false},
		{"x.json", `{"AWSTemplateFormatVersion": `, false},
	}
	for _, c := range cases {
		if got := f.Detect(c.name, []byte(c.data)); got != c.want {
			t.Errorf("Detect(%s, %q) = %v, want %v", c.name, c.data, got, c.want)
		}
	}
}

// Bad input is a *SourceError at the offending position, never a panic.
func TestCloudFormationBadInput(t *testing.T) {
	cases := []struct {
		file          string
		line, col     int
		wantInMessage string
	}{
		{"bad-resources-list.yaml", 3, 3, "Resources must be a mapping"},
		{"bad-json-syntax.json", 6, 46, "JSON syntax error"},
		{"bad-bomb.yaml", 7, 4, "more than 1000000 nodes"},
		{"bad-no-resources.yaml", 1, 1, "no Resources"},
		{"bad-deep.json", 1, 0, "nested deeper than"},
	}
	for _, c := range cases {
		data, err := os.ReadFile(filepath.Join("testdata", "cloudformation", c.file))
		if err != nil {
			t.Fatal(err)
		}
		_, err = cloudFormationFormat{}.Read(c.file, data)
		var se *SourceError
		if !errors.As(err, &se) {
			t.Fatalf("%s: error %v, want a *SourceError", c.file, err)
		}
		if se.File != c.file || se.Line != c.line || (c.col != 0 && se.Column != c.col) || !strings.Contains(se.Message, c.wantInMessage) {
			t.Errorf("%s: got %v, want %d:%d and %q", c.file, err, c.line, c.col, c.wantInMessage)
		}
	}
}

// An alias that contains itself is refused, not walked forever.
func TestCloudFormationSelfAlias(t *testing.T) {
	data := []byte("AWSTemplateFormatVersion: x\nResources:\n  F: &f\n    Type: AWS::Lambda::Function\n    Properties: {Tags: [*f]}\n")
	_, err := cloudFormationFormat{}.Read("t.yaml", data)
	var se *SourceError
	if !errors.As(err, &se) || se.Line == 0 {
		t.Fatalf("got %v, want a *SourceError with a line", err)
	}
}

// Unknown intrinsics and shapes never crash and are noted where they stand.
func TestCloudFormationUnknownIntrinsicNoted(t *testing.T) {
	data := []byte("Resources:\n  F:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: !Foo bar\n      MemorySize: {\"Fn::Bar\": 1}\n")
	d, err := cloudFormationFormat{}.Read("t.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	got := dumpDraft(d)
	for _, want := range []string{"note t.yaml:5:16: unknown intrinsic function !Foo", "note t.yaml:6:20: unknown intrinsic function Fn::Bar"} {
		if !strings.Contains(got, want) {
			t.Errorf("draft lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "language_runtime") || strings.Contains(got, "memory_mb") {
		t.Errorf("an unevaluated intrinsic became a value:\n%s", got)
	}
}

func TestCfnSizes(t *testing.T) {
	cpu := map[string]float64{"256": 0.25, "1024": 1, "0.5 vCPU": 0.5, "2 vcpu": 2}
	for in, want := range cpu {
		if got, ok := cfnCPU(in); !ok || got != want {
			t.Errorf("cfnCPU(%q) = %v, %v; want %v", in, got, ok, want)
		}
	}
	if _, ok := cfnCPU("lots"); ok {
		t.Error("cfnCPU accepted lots")
	}
	mem := map[string]int{"512": 512, "1 GB": 1024, "2GB": 2048, "0.5 GB": 512}
	for in, want := range mem {
		if got, ok := cfnMemory(in); !ok || got != want {
			t.Errorf("cfnMemory(%q) = %v, %v; want %v", in, got, ok, want)
		}
	}
}

func FuzzCloudFormationRead(f *testing.F) {
	addAWSSeeds(f, filepath.Join("testdata", "cloudformation"))
	f.Add([]byte(`{"Resources": {"F": {"Type": "AWS::Serverless::Function", "Properties": {"Events": {"E": {"Type": "SQS", "Properties": {"Queue": {"Fn::GetAtt": ["Q", "Arn"]}}}}}}, "Q": {"Type": "AWS::SQS::Queue"}}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzAWSFormat(t, cloudFormationFormat{}, data)
	})
}

// bigTemplate is a SAM template of n function/queue pairs chained by SQS, with
// a shared role and policy, to show that reading grows linearly.
func bigTemplate(n int) []byte {
	var b strings.Builder
	b.WriteString("AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\nGlobals:\n  Function:\n    Runtime: python3.12\n    MemorySize: 512\nResources:\n")
	b.WriteString("  Role:\n    Type: AWS::IAM::Role\n    Properties:\n      Policies:\n        - PolicyDocument:\n            Statement:\n              - {Effect: Allow, Action: 's3:*', Resource: '*'}\n")
	for i := 0; i < n; i++ {
		next := (i + 1) % n
		fmt.Fprintf(&b, "  Fn%d:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: app.h%d\n      Role: !GetAtt Role.Arn\n      Environment:\n        Variables:\n          OUT_QUEUE: !Ref Q%d\n          API_TOKEN: literal%d\n      Events:\n        In:\n          Type: SQS\n          Properties:\n            Queue: !GetAtt Q%d.Arn\n", i, i, next, i, i)
		fmt.Fprintf(&b, "  Q%d:\n    Type: AWS::SQS::Queue\n  Pol%d:\n    Type: AWS::IAM::Policy\n    Properties:\n      Roles: [!Ref Role]\n      PolicyDocument: {Statement: [{Effect: Allow, Action: 'sqs:SendMessage', Resource: !GetAtt Q%d.Arn}]}\n", i, i, next)
	}
	return []byte(b.String())
}

func BenchmarkCloudFormationRead(b *testing.B) {
	for _, n := range []int{100, 1000} {
		data := bigTemplate(n)
		b.Run(fmt.Sprintf("functions=%d/%dKiB", n, len(data)/1024), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				d, err := cloudFormationFormat{}.Read("big.yaml", data)
				if err != nil || len(d.Components) != n {
					b.Fatalf("read: %v", err)
				}
			}
		})
	}
}

// The big template wires every function to the next through its queue.
func TestCloudFormationBigTemplateChains(t *testing.T) {
	d, err := cloudFormationFormat{}.Read("big.yaml", bigTemplate(50))
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range d.Components {
		want := fmt.Sprintf("Fn%d", (i+1)%50)
		if len(c.Calls) != 1 || c.Calls[0].To != want || c.Calls[0].Mode != "async" {
			t.Fatalf("%s calls %+v, want one async call to %s", c.Name, c.Calls, want)
		}
	}
}

// A byte-order mark (Windows editors write one) does not stop a template.
func TestCloudFormationByteOrderMark(t *testing.T) {
	for _, in := range []string{
		"\ufeff{\"AWSTemplateFormatVersion\": \"2010-09-09\", \"Resources\": {\"F\": {\"Type\": \"AWS::Lambda::Function\"}}}",
		"\ufeffAWSTemplateFormatVersion: '2010-09-09'\nResources:\n  F: {Type: AWS::Lambda::Function}\n",
	} {
		f := cloudFormationFormat{}
		if !f.Detect("t", []byte(in)) {
			t.Errorf("Detect refused %q", in)
		}
		d, err := f.Read("t", []byte(in))
		if err != nil || len(d.Components) != 1 || d.Components[0].From.Line != 1 && d.Components[0].From.Line != 3 {
			t.Errorf("Read(%q) = %v, %v", in, d, err)
		}
	}
}

// A resource or function without a name is skipped with a note, never made a
// component the profile would refuse.
func TestAWSNamelessSkipped(t *testing.T) {
	cfn, err := cloudFormationFormat{}.Read("t.yaml", []byte("Resources:\n  \"\": {Type: AWS::Lambda::Function}\n  ? [a]\n  : {Type: AWS::Lambda::Function}\n  F: {Type: AWS::Lambda::Function}\n"))
	if err != nil {
		t.Fatal(err)
	}
	sls, err := serverlessFormat{}.Read("s.yml", []byte("service: s\nfunctions:\n  \"\": {handler: h}\n  ok: {handler: h}\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []*Draft{cfn, sls} {
		if len(d.Components) != 1 || d.Components[0].Name == "" {
			t.Errorf("components %+v, want the one named", d.Components)
		}
		if !strings.Contains(dumpDraft(d), "without a") {
			t.Errorf("no note for the nameless entry:\n%s", dumpDraft(d))
		}
	}
}
