variable "memory" {
  type = number
}

variable "regions" {
  type    = list(string)
  default = ["eu-west-1", "eu-central-1"]
}

data "aws_ssm_parameter" "image_tag" {
  name = "/billing/image-tag"
}

locals {
  settings = jsondecode(file("${path.module}/settings.json"))
  tag      = data.aws_ssm_parameter.image_tag.value
}

resource "aws_lambda_function" "billing" {
  for_each      = toset(var.regions)
  function_name = "billing-${each.key}"
  role          = aws_iam_role.billing.arn
  runtime       = "python3.12"
  handler       = "billing.handler"
  filename      = "billing.zip"
  memory_size   = var.memory
  timeout       = local.settings.timeout
  image_uri     = "billing:${local.tag}"

  environment {
    variables = {
      REGION     = each.key
      DB_SECRET  = data.aws_ssm_parameter.image_tag.value
    }
  }

  dynamic "vpc_config" {
    for_each = var.regions
    content {
      subnet_ids = []
    }
  }
}

resource "aws_iam_role" "billing" {
  name               = "billing"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

resource "kubernetes_deployment" "ledger" {
  count = 2
  metadata {
    name = "ledger-${count.index}"
  }
  spec {
    replicas = count.index + 1
    template {
      metadata {}
      spec {
        container {
          name  = "ledger"
          image = templatefile("image.tpl", { tag = local.tag })
        }
      }
    }
  }
}
