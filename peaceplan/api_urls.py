"""The REST API, version 1 (mounted at /api/v1/)."""

app_name = "api"

urlpatterns = []
