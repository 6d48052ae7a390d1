variable "env" {
  type    = string
  default = "prod"
}

variable "processor_memory" {
  type    = number
  default = 512
}
