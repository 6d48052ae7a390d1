env = "prod"
arm = true
