module "a" {
  source = "./modules/a"
  size   = 256
}

module "self" {
  source = "./"
}
