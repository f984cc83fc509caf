"""URLs of the editor's pages (forms that write)."""

app_name = "editing"

urlpatterns = []
