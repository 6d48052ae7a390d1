locals {
  name        = format("%s-%s", var.service, var.env)
  is_prod     = var.env == "prod"
  memory_mb   = lookup(var.memory, var.env, 128)
  timeout     = max(var.timeout, local.is_prod ? 60 : 15)
  runtime     = "python${var.runtime_version}"
  arch        = var.arm ? "arm64" : "x86_64"
  concurrency = local.is_prod ? 50 : null
  common_env = {
    SERVICE = upper(var.service)
    STAGE   = var.env
  }
  env = merge(local.common_env, {
    REPORT_BUCKET = join("-", [local.name, "output"])
  })
}
