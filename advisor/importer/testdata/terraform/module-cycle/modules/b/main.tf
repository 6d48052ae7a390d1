variable "size" {
  type = number
}

resource "google_cloud_run_v2_service" "svc" {
  name     = "svc-b"
  location = "europe-west1"
  template {
    containers {
      image = "gcr.io/p/b:1"
      resources {
        limits = { memory = "${var.size}Mi" }
      }
    }
  }
}

module "a" {
  source = "../a"
  size   = var.size
}
