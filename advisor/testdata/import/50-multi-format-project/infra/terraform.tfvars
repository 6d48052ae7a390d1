processor_memory = 1024
