variable "memory" {
  type    = number
  default = 128
}

resource "aws_lambda_function" "f" {
  function_name = "f"
  role          = "arn:aws:iam::123456789012:role/f"
  memory_size   = var.memory
}
