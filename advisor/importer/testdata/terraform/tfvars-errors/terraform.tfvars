memory  = 3008
unknown = "x"
computed = var.memory
