resource "aws_lambda_function" "broken" {
  function_name = "broken"
  memory_size   = 512
  timeout       = = 30
}
