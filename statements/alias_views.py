"""The party alias table that attributes statements proposed from reports to parties:
a party's aliases (anyone reads them), added and changed by editors through the parties'
services, each save with an edit summary in the alias's history."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext

from clauses.views.editing.edit_flow import (
    edit_arguments,
    editor_required,
    found_or_404,
    save_edit_form,
)
from core.forms import add_service_errors
from parties import selectors, services
from parties.models import PartyAlias
from statements.alias_forms import PartyAliasForm

ADDED = "Alias “{alias}” added to {party}."
CHANGED = "Alias “{alias}” of {party} saved."


def _list_url(party) -> str:
    return reverse("parties:aliases", kwargs={"party": party.slug})


def _may_edit(user) -> bool:
    return user.has_perms(["parties.add_partyalias", "parties.change_partyalias"])


def alias_table(request):
    """Every party's aliases, grouped by party (one query)."""
    groups: dict = {}
    for alias in selectors.party_aliases():
        groups.setdefault(alias.party, []).append(alias)
    return render(
        request,
        "parties/alias_table.html",
        {"groups": list(groups.items()), "may_edit": _may_edit(request.user)},
    )


def alias_list(request, party):
    """The aliases of ``party`` (two queries: the party, its aliases)."""
    party = found_or_404(selectors.party_get, party)
    aliases = list(selectors.aliases_of(party))
    return render(
        request,
        "parties/alias_list.html",
        {"party": party, "aliases": aliases, "may_edit": _may_edit(request.user)},
    )


@editor_required("parties.add_partyalias")
def alias_add(request, party):
    """A new alias of ``party``; a refused one keeps what the editor typed."""
    party = found_or_404(selectors.party_get, party)
    form = PartyAliasForm(request.POST or None, instance=PartyAlias(party=party))
    if form.is_valid():
        try:
            saved = services.party_alias_create(
                party=party,
                values=form.changes(),
                user=request.user,
                summary=form.cleaned_data["edit_summary"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, gettext(ADDED).format(alias=saved.alias, party=party))
            return redirect(_list_url(party))
    return render(request, "parties/alias_form.html", {"party": party, "form": form})


@editor_required("parties.change_partyalias")
def alias_edit(request, party, alias):
    """Change one alias of ``party``: its text, kind or language."""
    party = found_or_404(selectors.party_get, party)
    found = found_or_404(selectors.party_alias_get, party, alias)
    form = PartyAliasForm(request.POST or None, instance=found)
    if request.method == "POST":
        # The service reads the alias again, locked, and checks the version the form had.
        saved = save_edit_form(
            request,
            form,
            lambda: services.party_alias_update(alias=found, **edit_arguments(request, form)),
            saved_message=gettext(CHANGED).format(alias=request.POST.get("alias", ""), party=party),
        )
        if saved:
            return redirect(_list_url(party))
    return render(
        request,
        "parties/alias_form.html",
        {"party": party, "form": form, "alias": found},
    )
