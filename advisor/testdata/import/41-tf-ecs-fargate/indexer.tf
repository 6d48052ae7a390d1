# A worker task whose container definitions are written as a heredoc, run on
# EC2 because it needs a privileged container.
resource "aws_ecs_task_definition" "indexer" {
  family                   = "indexer"
  requires_compatibilities = ["EC2"]
  cpu                      = "1024"
  memory                   = "2048"
  task_role_arn            = aws_iam_role.indexer.arn

  container_definitions = <<DEFS
[
  {
    "name": "indexer",
    "image": "ghcr.io/shop/indexer@sha256:4b1f2e8c9d7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c",
    "essential": true,
    "privileged": true,
    "user": "root",
    "environment": [{"name": "QUEUE_NAME", "value": "reindex"}]
  }
]
DEFS
}

resource "aws_ecs_service" "indexer" {
  name            = "indexer"
  cluster         = aws_ecs_cluster.main.id
  task_definition = aws_ecs_task_definition.indexer.arn
  desired_count   = 1
  launch_type     = "EC2"
}

data "aws_iam_policy_document" "indexer" {
  statement {
    effect    = "Allow"
    actions   = ["es:*", "sqs:ReceiveMessage", "sqs:DeleteMessage"]
    resources = ["*"]
  }

  statement {
    effect    = "Deny"
    actions   = ["*"]
    resources = ["arn:aws:s3:::audit-logs/*"]
  }
}

resource "aws_iam_role" "indexer" {
  name = "indexer-task"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "ecs-tasks.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy" "indexer" {
  name   = "indexer"
  role   = aws_iam_role.indexer.id
  policy = data.aws_iam_policy_document.indexer.json
}
