resource "kubernetes_namespace" "search" {
  metadata {
    name = "search"
  }
}

resource "kubernetes_deployment" "search_api" {
  metadata {
    name      = "search-api"
    namespace = kubernetes_namespace.search.metadata[0].name
  }

  spec {
    replicas = 3

    selector {
      match_labels = { app = "search-api" }
    }

    template {
      metadata {
        labels = { app = "search-api" }
      }

      spec {
        security_context {
          run_as_non_root = true
          run_as_user     = 10001
        }

        container {
          name  = "api"
          image = "registry.example.com/search-api:5.2.0"

          resources {
            limits = {
              cpu    = "1"
              memory = "1536Mi"
            }
            requests = {
              cpu    = "250m"
              memory = "512Mi"
            }
          }

          security_context {
            read_only_root_filesystem  = true
            allow_privilege_escalation = false
          }

          readiness_probe {
            http_get {
              path = "/healthz"
              port = 8080
            }
          }

          env {
            name  = "ELASTIC_PASSWORD"
            value = "changeme"
          }
          env {
            name = "REDIS_URL"
            value = "redis://cache.search.svc:6379"
          }
        }
      }
    }
  }
}

resource "kubernetes_deployment_v1" "node_exporter" {
  metadata {
    name = "node-exporter"
  }

  spec {
    replicas = 2

    selector {
      match_labels = { app = "node-exporter" }
    }

    template {
      metadata {
        labels = { app = "node-exporter" }
      }

      spec {
        container {
          name  = "exporter"
          image = "quay.io/prometheus/node-exporter:latest"

          resources {
            requests = {
              cpu                = "100m"
              memory             = "128Mi"
            }
          }

          security_context {
            privileged = true
          }
        }
      }
    }
  }
}

resource "kubernetes_service" "search_api" {
  metadata {
    name = "search-api"
  }
  spec {
    selector = { app = "search-api" }
    port {
      port        = 80
      target_port = 8080
    }
    type = "LoadBalancer"
  }
}
