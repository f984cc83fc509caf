"""What the editor's views share: who may write, and finding what a URL names."""

from functools import wraps

from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import get_object_or_404

from ...models import ClauseVersion, Plan, Revision


def editor_required(*permissions: str):
    """Anonymous users are sent to log in; logged-in users without the permission get 403."""

    def decorator(view):
        guarded = login_required(permission_required(permissions, raise_exception=True)(view))
        return wraps(view)(guarded)

    return decorator


def plan_get(slug: str) -> Plan:
    return get_object_or_404(Plan, slug=slug)


def revision_get(plan: str, number: int) -> Revision:
    return get_object_or_404(
        Revision.objects.select_related("plan", "previous"), plan__slug=plan, number=number
    )


def clause_version_get(plan: str, clause: str, number: int) -> ClauseVersion:
    return get_object_or_404(
        ClauseVersion.objects.select_related("clause", "revision__plan"),
        revision__plan__slug=plan,
        revision__number=number,
        clause__slug=clause,
    )
