resource "aws_sqs_queue" "jobs" {
  name = "${var.name}-jobs"
}

resource "aws_lambda_function" "this" {
  function_name = var.name
  role          = aws_iam_role.this.arn
  package_type  = "Image"
  image_uri     = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/${var.name}:${var.image_tag}"
  memory_size   = var.memory_size
  timeout       = var.timeout

  environment {
    variables = {
      WORKER_NAME = var.name
      API_KEY     = var.api_key
    }
  }
}

resource "aws_iam_role" "this" {
  name = var.name
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_lambda_event_source_mapping" "jobs" {
  event_source_arn = aws_sqs_queue.jobs.arn
  function_name    = aws_lambda_function.this.arn
}

output "queue_url" {
  value = aws_sqs_queue.jobs.url
}
