resource "aws_lambda_function" "generate" {
  function_name                  = "${local.name}-generate"
  role                           = "arn:aws:iam::123456789012:role/reports"
  runtime                        = local.runtime
  handler                        = "app.generate"
  filename                       = "dist/reports.zip"
  memory_size                    = local.memory_mb
  timeout                        = local.timeout
  architectures                  = [local.arch]
  reserved_concurrent_executions = local.concurrency

  environment {
    variables = local.env
  }
}

resource "aws_lambda_function" "export" {
  function_name = "${local.name}-export"
  role          = "arn:aws:iam::123456789012:role/reports"
  runtime       = local.runtime
  handler       = "app.export"
  filename      = "dist/reports.zip"
  memory_size   = tonumber("2048")
  timeout       = min(900, local.timeout * 10)
}

resource "aws_cloudwatch_event_rule" "nightly" {
  name                = "${local.name}-nightly"
  schedule_expression = "cron(0 2 * * ? *)"
}

resource "aws_cloudwatch_event_target" "nightly" {
  rule = aws_cloudwatch_event_rule.nightly.name
  arn  = aws_lambda_function.export.arn
}
