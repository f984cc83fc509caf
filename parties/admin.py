from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Party


@admin.register(Party)
class PartyAdmin(SimpleHistoryAdmin):
    list_display = ["name", "short_name", "kind", "sort_order"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
