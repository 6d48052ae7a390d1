variable "size" {
  type = number
}

resource "google_cloud_run_v2_service" "svc" {
  name     = "svc-a"
  location = "europe-west1"
  template {
    containers {
      image = "gcr.io/p/a:1"
      resources {
        limits = { memory = "${var.size}Mi" }
      }
    }
  }
}

module "b" {
  source = "../b"
  size   = var.size * 2
}
