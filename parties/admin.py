"""Parties are added and changed here, through the parties' services: every save carries
an edit summary and the version it was loaded from, like the editor's forms."""

from django import forms
from django.contrib import admin, messages
from django.urls import reverse

from core.admin import ReadOnlyHistoryVersions
from core.forms import summary_field
from core.tracking import EditConflict
from parties.fields import PARTY, PARTY_ALIAS
from parties.models import Party, PartyAlias
from parties.services import (
    party_alias_create,
    party_alias_update,
    party_create,
    party_update,
)

PARTY_NEVER_DELETED = (
    "A party is never deleted: history is append-only, deleting would write no edit "
    "summary, and the positions it has taken cite it. Rename it or change its details "
    "on its own page here instead, with an edit summary."
)
STALE = (
    "Someone else saved this party since you opened it (it is now at version {current}). "
    "Open it again and re-apply your change."
)


class TrackedAdminForm(forms.ModelForm):
    """A tracked record's admin form: its edit summary, and the version it was loaded from,
    refused when stale; ``declaration`` names the fields it saves."""

    declaration = PARTY
    edit_summary = summary_field()
    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, initial=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["expected_version"].initial = self.instance.version

    def clean(self):
        data = super().clean()
        # The instance was read for this request: a version older than it is stale.
        loaded = data.get("expected_version")
        if self.instance.pk and loaded is not None and loaded != self.instance.version:
            raise forms.ValidationError(STALE.format(current=self.instance.version))
        return data

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.declaration.form_fields}


class PartyAdminForm(TrackedAdminForm):
    class Meta:
        model = Party
        fields = PARTY.form_fields


@admin.register(Party)
class PartyAdmin(ReadOnlyHistoryVersions):
    form = PartyAdminForm
    list_display = ["name", "short_name", "kind", "sort_order"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    delete_refused = PARTY_NEVER_DELETED

    def editor_url(self, obj):
        # Parties are edited here, through their service: the change page is their form.
        return reverse("admin:parties_party_change", args=[obj.pk])

    def has_delete_permission(self, request, obj=None):
        # Deleting writes no edit summary; parties with positions cannot go anyway.
        return False

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if not change:
            saved = party_create(
                values=form.values(), user=request.user, summary=data["edit_summary"]
            )
        else:
            try:
                saved = party_update(
                    party=obj,
                    expected_version=data["expected_version"],
                    changes=form.values(),
                    user=request.user,
                    summary=data["edit_summary"],
                )
            except EditConflict as conflict:
                # Saved by someone else between this form's check and the write.
                messages.error(request, STALE.format(current=conflict.current.version))
                return
        obj.pk, obj.version = saved.pk, saved.version


ALIAS_NEVER_DELETED = (
    "An alias is not deleted: history is append-only and deleting would write no edit "
    "summary. Correct its text, party or kind on its own page here instead, with an edit "
    "summary."
)


class PartyAliasAdminForm(TrackedAdminForm):
    declaration = PARTY_ALIAS

    class Meta:
        model = PartyAlias
        fields = ["party", *PARTY_ALIAS.form_fields]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # The party is where the alias stands; a wrong party is a new alias.
            self.fields["party"].disabled = True


@admin.register(PartyAlias)
class PartyAliasAdmin(ReadOnlyHistoryVersions):
    """The alias table that attributes statements proposed from reports to parties."""

    form = PartyAliasAdminForm
    list_display = ["alias", "party", "kind", "language"]
    list_filter = ["party", "kind", "language"]
    list_select_related = ["party"]
    search_fields = ["alias", "party__name"]
    delete_refused = ALIAS_NEVER_DELETED

    def editor_url(self, obj):
        return reverse("admin:parties_partyalias_change", args=[obj.pk])

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if not change:
            saved = party_alias_create(
                party=data["party"],
                values=form.values(),
                user=request.user,
                summary=data["edit_summary"],
            )
        else:
            try:
                saved = party_alias_update(
                    alias=obj,
                    expected_version=data["expected_version"],
                    changes=form.values(),
                    user=request.user,
                    summary=data["edit_summary"],
                )
            except EditConflict as conflict:
                messages.error(request, STALE.format(current=conflict.current.version))
                return
        obj.pk, obj.version = saved.pk, saved.version
