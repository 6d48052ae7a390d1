module "thumbnails" {
  source      = "./modules/worker"
  name        = "thumbnails"
  memory_size = 2048
  timeout     = 300
  image_tag   = "1.8.0"
}

module "emails" {
  source      = "./modules/worker"
  name        = "emails"
  memory_size = 256
  image_tag   = "2.0.1"
  api_key     = "SG.live-sendgrid-key"
}

module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.8.1"
  name    = "workers"
  cidr    = "10.0.0.0/16"
}

resource "aws_lambda_function" "dispatcher" {
  function_name = "dispatcher"
  role          = "arn:aws:iam::123456789012:role/dispatcher"
  runtime       = "java21"
  handler       = "shop.Dispatcher::handle"
  filename      = "dispatcher.jar"
  memory_size   = 768
  timeout       = 20

  environment {
    variables = {
      THUMBNAILS_QUEUE = module.thumbnails.queue_url
    }
  }
}
