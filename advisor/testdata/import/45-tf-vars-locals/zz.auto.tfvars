timeout         = 45
runtime_version = "3.12"
