locals {
  a    = "${local.b}-x"
  b    = "${local.c}-y"
  c    = local.a
  d    = upper(local.c)
  fine = lower("OK")
  self = local.self
}

resource "aws_lambda_function" "f" {
  function_name = local.d
  runtime       = local.fine == "ok" ? "python3.12" : "python3.9"
  memory_size   = length(local.a)
  role          = "arn:aws:iam::123456789012:role/f"
}
