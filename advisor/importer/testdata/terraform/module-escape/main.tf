module "outside" {
  source = "../../../../etc"
}

module "absolute" {
  source = "/etc/terraform"
}

module "missing" {
  source = "./modules/not-there"
}

module "git" {
  source = "git::https://example.com/modules.git//lambda?ref=v1.2.0"
}

module "computed" {
  source = var.module_path
}

variable "module_path" {
  type = string
}
