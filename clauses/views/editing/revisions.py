"""Record the next draft as a copy of one revision, and edit a revision's details."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext

from clauses import selectors, services
from clauses.forms import CloneForm, RevisionForm
from clauses.views.editing.edit_flow import (
    edit_arguments,
    editor_required,
    found_or_404,
    save_edit_form,
)
from core.forms import add_service_errors

CLONED = (
    "Revision {number} recorded as a copy of revision {source}: every position is marked "
    "carried over until you reconfirm it. Now change what changed."
)
SAVED = "Saved."


@editor_required("clauses.add_revision")
def revision_clone(request, plan, number):
    source = found_or_404(selectors.revision_get, plan_slug=plan, number=number)
    form = CloneForm(
        request.POST or None,
        plan=source.plan,
        initial={
            "previous": source,
            "expected_number": selectors.next_revision_number(source.plan),
        },
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            revision = services.revision_clone(
                source=source,
                previous=data["previous"],
                label=data["label"],
                expected_number=data["expected_number"],
                branch=data["branch"],
                user=request.user,
                summary=data["edit_summary"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, gettext(CLONED).format(number=revision.number, source=source.number)
            )
            return redirect(revision)
    return render(
        request,
        "clauses/edit/revision_clone.html",
        {"plan": source.plan, "source": source, "form": form},
    )


@editor_required("clauses.change_revision")
def revision_edit(request, plan, number):
    revision = found_or_404(selectors.revision_get, plan_slug=plan, number=number)
    form = RevisionForm(request.POST or None, instance=revision)
    if save_edit_form(
        request,
        form,
        lambda: services.revision_update(revision=revision, **edit_arguments(request, form)),
        saved_message=gettext(SAVED),
    ):
        return redirect(revision)
    return render(
        request,
        "clauses/edit/revision_form.html",
        {"plan": revision.plan, "revision": revision, "form": form},
    )
