"""The translations and their history in the admin, read-only like every tracked record:
they are recorded by pasting them on a revision, or through the API."""

from django.contrib import admin
from django.urls import reverse

from clauses.admin import ReadOnlyHistoryAdmin
from translations.models import ClauseVersionTranslation


@admin.register(ClauseVersionTranslation)
class ClauseVersionTranslationAdmin(ReadOnlyHistoryAdmin):
    list_display = ["clause_version", "language", "official", "source_title"]
    list_filter = ["language", "official"]
    search_fields = ["text", "source_title"]
    list_select_related = ["clause_version__clause", "clause_version__revision__plan"]
    raw_id_fields = ["clause_version", "source"]

    def editor_url(self, obj):
        version = obj.clause_version
        return reverse(
            "editing:translation_paste",
            kwargs={"plan": version.revision.plan.slug, "number": version.revision.number},
        )
