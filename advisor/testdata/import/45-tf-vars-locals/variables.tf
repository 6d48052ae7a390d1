variable "env" {
  type    = string
  default = "dev"
}

variable "service" {
  type    = string
  default = "reports"
}

variable "memory" {
  type = map(number)
  default = {
    dev  = 256
    prod = 1024
  }
}

variable "timeout" {
  type    = number
  default = 30
}

variable "arm" {
  type    = bool
  default = false
}

variable "runtime_version" {
  type    = string
  default = "3.11"
}
