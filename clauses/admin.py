from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Clause, ClauseVersion, Plan, Position, Revision


class RevisionInline(admin.TabularInline):
    model = Revision
    fk_name = "plan"
    fields = ["number", "label", "published_on", "status", "provenance"]
    extra = 0
    show_change_link = True


class ClauseVersionInline(admin.TabularInline):
    model = ClauseVersion
    fields = ["position_in_draft", "number", "clause", "status", "text"]
    autocomplete_fields = ["clause"]
    extra = 0
    show_change_link = True


class PositionInline(admin.TabularInline):
    model = Position
    fields = [
        "party",
        "stance",
        "summary",
        "source_title",
        "source_url",
        "stated_on",
        "carried_over",
    ]
    extra = 0


@admin.register(Plan)
class PlanAdmin(SimpleHistoryAdmin):
    list_display = ["title", "slug"]
    search_fields = ["title", "description"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [RevisionInline]


@admin.register(Revision)
class RevisionAdmin(SimpleHistoryAdmin):
    list_display = ["plan", "number", "label", "published_on", "status", "provenance", "previous"]
    list_filter = ["plan", "status", "provenance", "proposed_by"]
    search_fields = ["label", "notes", "source_title"]
    list_select_related = ["plan", "previous"]
    raw_id_fields = ["previous"]
    inlines = [ClauseVersionInline]


@admin.register(Clause)
class ClauseAdmin(SimpleHistoryAdmin):
    list_display = ["title", "plan", "topic", "slug"]
    list_filter = ["plan", "topic"]
    search_fields = ["title", "slug", "description"]
    list_select_related = ["plan"]


@admin.register(ClauseVersion)
class ClauseVersionAdmin(SimpleHistoryAdmin):
    list_display = ["clause", "revision", "number", "position_in_draft", "status"]
    list_filter = ["revision__plan", "status", "clause__topic"]
    search_fields = ["text", "clause__title"]
    list_select_related = ["clause", "revision__plan"]
    autocomplete_fields = ["clause"]
    raw_id_fields = ["revision"]
    inlines = [PositionInline]


@admin.register(Position)
class PositionAdmin(SimpleHistoryAdmin):
    list_display = ["clause_version", "party", "stance", "carried_over", "stated_on"]
    list_filter = ["party", "stance", "carried_over", "clause_version__revision__plan"]
    search_fields = ["summary", "quote", "source_title"]
    list_select_related = ["party", "clause_version__clause", "clause_version__revision__plan"]
    raw_id_fields = ["clause_version"]
