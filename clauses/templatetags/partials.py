"""The kept partials of ``clauses.rendering`` as template tags, for templates that repeat
them for every position of a revision: ``{% load partials %}`` then ``{% stance value %}``,
``{% carried_over %}``, ``{% source title url %}``. Each gives what the ``{% include %}`` of
its partial gives, without rendering it again."""

from django import template
from django.utils.safestring import SafeString, mark_safe

from clauses import rendering

register = template.Library()


@register.simple_tag(name="stance")
def stance(value) -> SafeString:
    """``_stance.html`` for a stored stance."""
    return mark_safe(rendering.stance(value))  # noqa: S308 - a partial rendered with autoescaping


@register.simple_tag(name="carried_over")
def carried_over() -> SafeString:
    """``_carried.html``."""
    return mark_safe(rendering.carried_over())  # noqa: S308 - a partial rendered with autoescaping


@register.simple_tag(name="source")
def source(title, url) -> SafeString:
    """``_source.html``: only web addresses become links."""
    return mark_safe(rendering.source(title or "", url or ""))  # noqa: S308 - escaped in fill()


@register.simple_tag(name="stance_steps")
def stance_steps(row, numbers, plan_slug, clause_slug) -> SafeString:
    """A party's stance timeline (``_stance_step.html`` per revision), latest first."""
    html = rendering.stance_steps(
        row.steps_newest_first(),
        numbers,
        plan_slug=plan_slug,
        clause_slug=clause_slug,
        party_slug=row.party.slug,
    )
    return mark_safe(html)  # noqa: S308 - kept partials filled with escaped data
