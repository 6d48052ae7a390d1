resource "aws_iam_role" "api" {
  name = "orders-api"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "lambda.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy" "api" {
  name = "orders-api"
  role = aws_iam_role.api.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["sqs:SendMessage"]
        Resource = aws_sqs_queue.orders.arn
      },
      {
        Effect   = "Allow"
        Action   = "dynamodb:*"
        Resource = "*"
      }
    ]
  })
}

resource "aws_lambda_function" "api" {
  function_name = "orders-api"
  role          = aws_iam_role.api.arn
  runtime       = "nodejs20.x"
  handler       = "index.handler"
  filename      = "build/api.zip"
  memory_size   = 512
  timeout       = 10
  architectures = ["arm64"]

  environment {
    variables = {
      QUEUE_URL      = aws_sqs_queue.orders.url
      TABLE_NAME     = aws_dynamodb_table.orders.name
      STRIPE_API_KEY = "sk_live_51H8exampleexample"
    }
  }

  tracing_config {
    mode = "Active"
  }
}

resource "aws_lambda_permission" "api_gateway" {
  statement_id  = "AllowAPIGateway"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.api.function_name
  principal     = "apigateway.amazonaws.com"
}

resource "aws_iam_role" "worker" {
  name                = "orders-worker"
  managed_policy_arns = ["arn:aws:iam::aws:policy/AdministratorAccess"]
  assume_role_policy = <<-JSON
    {
      "Version": "2012-10-17",
      "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]
    }
  JSON
}

resource "aws_lambda_function" "worker" {
  function_name                  = "orders-worker"
  role                           = aws_iam_role.worker.arn
  package_type                   = "Image"
  image_uri                      = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/orders-worker:1.4.2"
  memory_size                    = 1024
  timeout                        = 120
  reserved_concurrent_executions = 20

  environment {
    variables = {
      TABLE_NAME  = aws_dynamodb_table.orders.name
      DB_PASSWORD = "hunter2"
    }
  }
}

resource "aws_lambda_event_source_mapping" "orders" {
  event_source_arn = aws_sqs_queue.orders.arn
  function_name    = aws_lambda_function.worker.arn
  batch_size       = 10
}
