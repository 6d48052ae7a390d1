variable "name" {
  type = string
}

variable "memory_size" {
  type    = number
  default = 512
}

variable "timeout" {
  type    = number
  default = 60
}

variable "image_tag" {
  type = string
}

variable "api_key" {
  type    = string
  default = ""
}
