resource "azurerm_resource_group" "main" {
  name     = "rg-billing"
  location = "westeurope"
}

resource "azurerm_service_plan" "functions" {
  name                = "plan-billing"
  resource_group_name = azurerm_resource_group.main.name
  location            = azurerm_resource_group.main.location
  os_type             = "Linux"
  sku_name            = "EP1"
}

resource "azurerm_linux_function_app" "invoices" {
  name                       = "func-invoices"
  resource_group_name        = azurerm_resource_group.main.name
  location                   = azurerm_resource_group.main.location
  service_plan_id            = azurerm_service_plan.functions.id
  storage_account_name       = "stbillingfuncs"
  storage_account_access_key = "c2VjcmV0LWtleS1mb3ItdGVzdHM="

  site_config {
    elastic_instance_minimum = 1
    app_scale_limit          = 30

    application_stack {
      python_version = "3.11"
    }
  }

  app_settings = {
    FUNCTIONS_WORKER_RUNTIME = "python"
    SMTP_PASSWORD            = "Winter2024!"
    DB_CONNECTION_STRING     = "@Microsoft.KeyVault(SecretUri=https://kv-billing.vault.azure.net/secrets/db/)"
  }
}

resource "azurerm_container_app_environment" "main" {
  name                = "cae-billing"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
}

resource "azurerm_container_app" "pdf" {
  name                         = "ca-pdf-renderer"
  container_app_environment_id = azurerm_container_app_environment.main.id
  resource_group_name          = azurerm_resource_group.main.name
  revision_mode                = "Single"

  secret {
    name  = "api-token"
    value = "not-in-env"
  }

  ingress {
    external_enabled = true
    target_port      = 8080
    traffic_weight {
      percentage      = 100
      latest_revision = true
    }
  }

  template {
    min_replicas = 0
    max_replicas = 8

    container {
      name   = "pdf"
      image  = "billingacr.azurecr.io/pdf-renderer:0.9.1"
      cpu    = 1.5
      memory = "3Gi"

      env {
        name        = "RENDER_API_TOKEN"
        secret_name = "api-token"
      }
      env {
        name  = "INVOICES_URL"
        value = "https://func-invoices.azurewebsites.net"
      }
    }
  }
}
