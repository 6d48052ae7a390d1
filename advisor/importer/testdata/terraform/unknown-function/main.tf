locals {
  big    = format("%999999999s", "x")
  secret = sensitive("s3cr3t")
  doubled = [for a in [1, 2] : [for b in [3, 4] : a * b]]
}

resource "aws_lambda_function" "f" {
  function_name = "f"
  role          = "arn:aws:iam::123456789012:role/f"
  runtime       = nosuchfunction("python3.12")
  memory_size   = "lots"
  timeout       = 0
  handler       = local.big
  environment {
    variables = {
      API_TOKEN = local.secret
    }
  }
}

resource "aws_lambda_function" "g" {
  function_name = "g"
  role          = "arn:aws:iam::123456789012:role/g"
  memory_size   = 999999
  timeout       = -5
}
