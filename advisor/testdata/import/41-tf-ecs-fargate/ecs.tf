resource "aws_ecs_cluster" "main" {
  name = "shop"
}

resource "aws_iam_role" "task" {
  name = "catalog-task"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "ecs-tasks.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_policy" "catalog" {
  name = "catalog"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:*", "sqs:SendMessage"]
      Resource = "*"
    }]
  })
}

resource "aws_iam_role_policy_attachment" "catalog" {
  role       = aws_iam_role.task.name
  policy_arn = aws_iam_policy.catalog.arn
}

resource "aws_ecs_task_definition" "catalog" {
  family                   = "catalog"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = "512"
  memory                   = "1024"
  task_role_arn            = aws_iam_role.task.arn

  runtime_platform {
    cpu_architecture        = "ARM64"
    operating_system_family = "LINUX"
  }

  container_definitions = jsonencode([
    {
      name                   = "catalog"
      image                  = "ghcr.io/shop/catalog:2.3.0"
      essential              = true
      readonlyRootFilesystem = true
      user                   = "1000:1000"
      portMappings           = [{ containerPort = 8080, protocol = "tcp" }]
      environment = [
        { name = "LOG_LEVEL", value = "info" },
        { name = "JWT_SECRET", value = "change-me-please" },
      ]
      secrets = [
        { name = "DB_PASSWORD", valueFrom = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:catalog-db" },
      ]
    },
    {
      name      = "otel-collector"
      image     = "otel/opentelemetry-collector:0.98.0"
      essential = false
    }
  ])
}

resource "aws_ecs_service" "catalog" {
  name            = "catalog"
  cluster         = aws_ecs_cluster.main.id
  task_definition = aws_ecs_task_definition.catalog.arn
  desired_count   = 3
  launch_type     = "FARGATE"

  network_configuration {
    subnets         = ["subnet-0a1b2c", "subnet-3d4e5f"]
    security_groups = ["sg-0123456"]
  }

  load_balancer {
    target_group_arn = aws_lb_target_group.catalog.arn
    container_name   = "catalog"
    container_port   = 8080
  }
}

resource "aws_lb_target_group" "catalog" {
  name        = "catalog"
  port        = 8080
  protocol    = "HTTP"
  target_type = "ip"
  vpc_id      = "vpc-0123456"
}
