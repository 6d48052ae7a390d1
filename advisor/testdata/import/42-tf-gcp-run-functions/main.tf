variable "project" {
  type    = string
  default = "shop-prod"
}

variable "region" {
  type    = string
  default = "europe-west1"
}

resource "google_pubsub_topic" "orders" {
  name = "orders"
}

resource "google_service_account" "storefront" {
  account_id = "storefront"
}

resource "google_cloud_run_v2_service" "storefront" {
  name     = "storefront"
  location = var.region
  ingress  = "INGRESS_TRAFFIC_ALL"

  template {
    service_account                  = google_service_account.storefront.email
    max_instance_request_concurrency = 80
    timeout                          = "60s"

    scaling {
      min_instance_count = 1
      max_instance_count = 20
    }

    containers {
      image = "europe-docker.pkg.dev/${var.project}/shop/storefront:3.1.0"

      resources {
        limits = {
          cpu    = "2"
          memory = "1Gi"
        }
      }

      env {
        name  = "CHECKOUT_URL"
        value = google_cloudfunctions2_function.checkout.url
      }
      env {
        name = "SESSION_SECRET"
        value_source {
          secret_key_ref {
            secret  = "session-secret"
            version = "latest"
          }
        }
      }
    }
  }
}

resource "google_cloudfunctions2_function" "checkout" {
  name     = "checkout"
  location = var.region

  build_config {
    runtime     = "python312"
    entry_point = "handle"
  }

  service_config {
    available_memory                 = "512M"
    available_cpu                    = "1"
    timeout_seconds                  = 30
    max_instance_count               = 50
    max_instance_request_concurrency = 4
    ingress_settings                 = "ALLOW_INTERNAL_ONLY"
    environment_variables = {
      ORDERS_TOPIC   = google_pubsub_topic.orders.id
      PAYMENT_TOKEN  = "tok_test_4242"
    }
  }
}

resource "google_cloudfunctions2_function" "fulfil" {
  name     = "fulfil"
  location = var.region

  build_config {
    runtime     = "go122"
    entry_point = "Fulfil"
  }

  service_config {
    available_memory   = "256M"
    timeout_seconds    = 540
    min_instance_count = 0
    max_instance_count = 10
  }

  event_trigger {
    trigger_region = var.region
    event_type     = "google.cloud.pubsub.topic.v1.messagePublished"
    pubsub_topic   = google_pubsub_topic.orders.id
    retry_policy   = "RETRY_POLICY_RETRY"
  }
}

resource "google_cloudfunctions2_function" "thumbnails" {
  name     = "thumbnails"
  location = var.region

  build_config {
    runtime = "nodejs20"
  }

  service_config {
    available_memory = "2Gi"
    timeout_seconds  = 300
  }

  event_trigger {
    event_type = "google.cloud.storage.object.v1.finalized"
    event_filters {
      attribute = "bucket"
      value     = "shop-uploads"
    }
  }
}
