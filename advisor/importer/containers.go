package importer

import (
	"net/url"
	"strings"
)

// Facts shared by the container readers (Compose, Kubernetes).

// cloudKeyName reports a static cloud access key variable.
func cloudKeyName(name string) bool {
	switch strings.ToUpper(name) {
	case "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AZURE_CLIENT_SECRET", "GOOGLE_APPLICATION_CREDENTIALS_JSON":
		return true
	}
	return false
}

// backingImages are images of databases, caches and brokers: backing services
// the clouds sell managed, not compute to place. They are listed, not imported,
// and their callers get requires.vpc.
var backingImages = map[string]string{
	"postgres": "PostgreSQL", "postgresql": "PostgreSQL", "postgis": "PostgreSQL", "mysql": "MySQL", "mariadb": "MariaDB",
	"mongo": "MongoDB", "mongodb": "MongoDB", "redis": "Redis", "valkey": "Valkey", "memcached": "Memcached",
	"rabbitmq": "RabbitMQ", "kafka": "Kafka", "cp-kafka": "Kafka", "zookeeper": "ZooKeeper", "cp-zookeeper": "ZooKeeper",
	"elasticsearch": "Elasticsearch", "opensearch": "OpenSearch", "nats": "NATS", "minio": "MinIO", "cassandra": "Cassandra",
	"couchdb": "CouchDB", "etcd": "etcd", "clickhouse-server": "ClickHouse", "influxdb": "InfluxDB", "neo4j": "Neo4j",
	"mssql-server": "SQL Server", "localstack": "LocalStack", "dynamodb-local": "DynamoDB Local",
}

// backingService names the product an image is, or "".
func backingService(image string) string {
	repo := image
	if i := strings.Index(repo, "@"); i >= 0 {
		repo = repo[:i]
	}
	if i := strings.LastIndex(repo, "/"); i >= 0 {
		repo = repo[i+1:]
	}
	if i := strings.Index(repo, ":"); i >= 0 {
		repo = repo[:i]
	}
	return backingImages[strings.ToLower(repo)]
}

// addressKeys end the names of variables that hold another service's address.
var addressKeys = []string{"URL", "URI", "HOST", "HOSTNAME", "ADDR", "ADDRESS", "ENDPOINT", "SERVER", "SERVERS", "DSN", "BROKERS", "SERVICE"}

// envHost returns the host an environment value addresses, when it looks like
// an address: a URL (http://orders:8080/x, postgres://u:p@db/app), or, for a
// variable named like an address (ORDERS_HOST), host or host:port.
func envHost(key, value string) string {
	value = strings.TrimSpace(value)
	if value == "" || len(value) > 2048 || strings.ContainsAny(value, " \t\n") {
		return ""
	}
	if strings.Contains(value, "://") {
		u, err := url.Parse(value)
		if err != nil {
			return ""
		}
		return strings.ToLower(u.Hostname())
	}
	up := strings.ToUpper(key)
	named := false
	for _, k := range addressKeys {
		if strings.HasSuffix(up, k) {
			named = true
			break
		}
	}
	if !named {
		return ""
	}
	host := value
	if i := strings.IndexAny(host, ",;"); i >= 0 {
		host = host[:i] // the first of a list of brokers
	}
	if h, _, ok := strings.Cut(host, ":"); ok {
		host = h
	}
	if strings.ContainsAny(host, "/@$") {
		return ""
	}
	return strings.ToLower(host)
}

// interpolated reports text holding a ${VAR} or $VAR reference (Compose,
// Helm leftovers): its value is unknown here.
func interpolated(s string) bool {
	i := strings.IndexByte(s, '$')
	if i < 0 || i == len(s)-1 {
		return false
	}
	c := s[i+1]
	return c == '{' || c == '_' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z'
}
