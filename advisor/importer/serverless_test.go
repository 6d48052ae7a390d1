package importer

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestServerlessGoldens(t *testing.T) {
	runAWSGoldens(t, filepath.Join("testdata", "serverless"), serverlessFormat{})
}

func TestServerlessDetect(t *testing.T) {
	f := serverlessFormat{}
	cases := []struct {
		name, data string
		want       bool
	}{
		{"serverless.yml", "service: a\nprovider:\n  name: aws\n", true},
		{"any.yaml", "service: a\nfunctions:\n  f:\n    handler: h\n", true},
		{"serverless.yml", "service: a\nprovider:\n  name: google\n", false},
		{"compose.yaml", "services:\n  web:\n    image: nginx\n", false},
		{"template.yaml", "AWSTemplateFormatVersion: '2010-09-09'\nResources: {}\n", false},
		{"serverless.yml", "service: [unclosed\n", false},
		{"serverless.yml", "", false},
	}
	for _, c := range cases {
		if got := f.Detect(c.name, []byte(c.data)); got != c.want {
			t.Errorf("Detect(%s, %q) = %v, want %v", c.name, c.data, got, c.want)
		}
	}
}

// Bad input is a *SourceError at the offending position, never a panic.
func TestServerlessBadInput(t *testing.T) {
	cases := []struct {
		file     string
		wantLine int
		wantMsg  string
	}{
		{"bad-bomb.yml", 9, "more than 1000000 nodes"},
		{"bad-syntax.yml", 4, "YAML"},
		{"bad-not-mapping.yml", 1, "must be a mapping"},
		{"bad-deep.yml", 7, "nested deeper than"},
	}
	for _, c := range cases {
		data, err := os.ReadFile(filepath.Join("testdata", "serverless", c.file))
		if err != nil {
			t.Fatal(err)
		}
		_, err = serverlessFormat{}.Read(c.file, data)
		var se *SourceError
		if !errors.As(err, &se) {
			t.Fatalf("%s: error %v, want a *SourceError", c.file, err)
		}
		if se.File != c.file || se.Line != c.wantLine || !strings.Contains(se.Message, c.wantMsg) {
			t.Errorf("%s: got %v, want line %d and %q", c.file, err, c.wantLine, c.wantMsg)
		}
	}
}

func TestSlsOnlyVariable(t *testing.T) {
	cases := map[string]bool{
		"${self:custom.memory}":              true,
		"${self:custom.memory.${sls:stage}}": true,
		" ${env:X, 30} ":                     true,
		"python${env:PY}":                    false,
		"${env:A}-${env:B}":                  false,
		"${unclosed":                         false,
		"plain":                              false,
	}
	for in, want := range cases {
		if got := slsOnlyVariable(in); got != want {
			t.Errorf("slsOnlyVariable(%q) = %v, want %v", in, got, want)
		}
	}
}

func FuzzServerlessRead(f *testing.F) {
	addAWSSeeds(f, filepath.Join("testdata", "serverless"))
	f.Add([]byte("service: a\nfunctions: {f: {events: [{sqs: {arn: !GetAtt [Q, Arn]}}]}}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzAWSFormat(t, serverlessFormat{}, data)
	})
}

// addAWSSeeds seeds a fuzz target with every input file of dir.
func addAWSSeeds(f *testing.F, dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		f.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() || strings.HasSuffix(e.Name(), ".golden") {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
}

// fuzzAWSFormat checks the contract on any input: Detect and Read do not
// panic, an error is a *SourceError, and every value names the file.
func fuzzAWSFormat(t *testing.T, f Format, data []byte) {
	const name = "in.yml"
	f.Detect(name, data)
	d, err := f.Read(name, data)
	if err != nil {
		var se *SourceError
		if !errors.As(err, &se) || se.File != name {
			t.Fatalf("error %v (%T), want a *SourceError naming %s", err, err, name)
		}
		return
	}
	for _, c := range d.Components {
		if c.From.File != name {
			t.Fatalf("component %s has source %+v", c.Name, c.From)
		}
		for _, fl := range c.Fields {
			if fl.From.File != name {
				t.Fatalf("field %s has source %+v", fl.Path, fl.From)
			}
		}
	}
}

// bigServerless is a service of n functions chained by SQS queues, sharing
// provider settings and statements, to show that reading grows linearly.
func bigServerless(n int) []byte {
	var b strings.Builder
	b.WriteString("service: big\nprovider:\n  name: aws\n  runtime: nodejs20.x\n  environment:\n    SHARED_QUEUE: !Ref Q0\n  iam:\n    role:\n      statements:\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "        - {Effect: Allow, Action: sqs:SendMessage, Resource: !GetAtt Q%d.Arn}\n", i)
	}
	b.WriteString("functions:\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "  f%d:\n    handler: h.f%d\n    environment:\n      OUT: !Ref Q%d\n    events:\n      - sqs: {arn: !GetAtt Q%d.Arn}\n", i, i, (i+1)%n, i)
	}
	b.WriteString("resources:\n  Resources:\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "    Q%d:\n      Type: AWS::SQS::Queue\n", i)
	}
	return []byte(b.String())
}

func BenchmarkServerlessRead(b *testing.B) {
	for _, n := range []int{100, 1000} {
		data := bigServerless(n)
		b.Run(fmt.Sprintf("functions=%d/%dKiB", n, len(data)/1024), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				d, err := serverlessFormat{}.Read("serverless.yml", data)
				if err != nil || len(d.Components) != n {
					b.Fatalf("read: %v", err)
				}
			}
		})
	}
}

// TestSecretName: one judgement of environment variable names for every reader.
func TestSecretName(t *testing.T) {
	cases := map[string]bool{
		"DB_PASSWORD": true, "STRIPE_API_KEY": true, "dbPassword": true, "GITHUB_TOKEN": true,
		"CLIENT_SECRET": true, "JWT_SIGNING_KEY": true, "AWS_SECRET_ACCESS_KEY": true, "APIKEY": true,
		"SESSION_SECRET": true, "PRIVATE_KEY": true, "api-key": true,
		"DB_SECRET_ARN": false, "SECRET_NAME": false, "TOKEN_TTL": false, "MAX_TOKENS": false,
		"TABLE_NAME": false, "PASS_THROUGH": false, "KEY_PREFIX": false, "AWS_ACCESS_KEY_ID": false,
		"TOKEN_TABLE": false, "BYPASS_CACHE": false, "": false,
		"SENDGRID_KEY": true, "DB_CONNECTION_STRING": true, "aws_secret_access_key": true, "SMTP_PASS": true,
		"PARTITION_KEY": false, "KMS_KEY": false, "QUEUE_URL": false, "LOG_LEVEL": false, "API_KEY_FILE": false, "DB_PASSWORD_PATH": false,
	}
	for in, want := range cases {
		if got := secretName(in); got != want {
			t.Errorf("secretName(%q) = %v, want %v", in, got, want)
		}
	}
}
