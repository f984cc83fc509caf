"""A new plan, a plan's title and description, and a new empty revision to build clause
by clause."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext

from clauses import selectors, services
from clauses.forms import NewRevisionForm, PlanEditForm, PlanForm
from clauses.models import Revision
from clauses.views.editing.edit_flow import (
    edit_arguments,
    editor_required,
    found_or_404,
    save_edit_form,
)
from core.forms import add_service_errors

PLAN_CREATED = "Plan created. Record its first draft: paste its text, or add clauses one by one."
REVISION_CREATED = "Revision {number} created. Add its clauses one by one."
PLAN_SAVED = "Plan saved."


@editor_required("clauses.add_plan", "clauses.add_revision")
def plan_create(request):
    form = PlanForm(request.POST or None)
    if form.is_valid():
        try:
            plan = services.plan_create(
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
                user=request.user,
                summary=form.cleaned_data["edit_summary"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, gettext(PLAN_CREATED))
            return redirect("editing:paste", plan=plan.slug)
    return render(request, "clauses/edit/plan_form.html", {"form": form})


@editor_required("clauses.change_plan")
def plan_edit(request, plan):
    """A plan's title and description; a conflict with someone else's save is shown as on
    every edit form."""
    plan = found_or_404(selectors.plan_get, plan)
    form = PlanEditForm(request.POST or None, instance=plan)
    if save_edit_form(
        request,
        form,
        lambda: services.plan_update(plan=plan, **edit_arguments(request, form)),
        saved_message=gettext(PLAN_SAVED),
    ):
        return redirect(plan)
    return render(request, "clauses/edit/plan_edit.html", {"plan": plan, "form": form})


@editor_required("clauses.add_revision")
def revision_new(request, plan):
    """An empty revision: the first of a new plan, or any draft built clause by clause."""
    plan = found_or_404(selectors.plan_get, plan)
    form = NewRevisionForm(
        request.POST or None,
        instance=Revision(plan=plan),
        initial={
            "previous": selectors.current_revision(plan=plan),
            "expected_number": selectors.next_revision_number(plan),
        },
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            revision = services.revision_create(
                plan=plan,
                user=request.user,
                summary=data["edit_summary"],
                expected_number=data["expected_number"],
                branch=data["branch"],
                **{name: data[name] for name in NewRevisionForm.Meta.fields},
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, gettext(REVISION_CREATED).format(number=revision.number))
            return redirect(
                reverse("editing:clause_add", kwargs={"plan": plan.slug, "number": revision.number})
            )
    return render(request, "clauses/edit/revision_new.html", {"plan": plan, "form": form})
