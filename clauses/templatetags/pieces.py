"""The pieces of templates/clauses/_pieces.jinja for Django templates: ``{% load pieces %}``
then ``{% stance position.stance %}``, ``{% carried_over %}``, ``{% demand_marker %}``,
``{% direction movement.direction %}``, ``{% source title url %}``, ``{% text_diff ops %}``.

Each gives the Jinja2 macro's markup: the one source of it, which the long pages' Jinja2
templates import too, and cheaper than an ``{% include %}`` on a page showing hundreds."""

from django import template
from markupsafe import Markup

from clauses.pieces import pieces
from clauses.vocabulary_words import STANCE_WORDS

register = template.Library()


@register.simple_tag
def stance(value) -> Markup:
    """A stored stance (None or "" for no position), in its words."""
    return pieces().stance(value, STANCE_WORDS.get(value, value))


@register.simple_tag
def carried_over() -> Markup:
    return pieces().carried_over()


@register.simple_tag
def demand_marker() -> Markup:
    return pieces().demand_marker()


@register.simple_tag
def direction(value) -> Markup:
    return pieces().direction(value)


@register.simple_tag
def source(title, url) -> Markup:
    """Only web addresses become links."""
    return pieces().source(title, url)


@register.simple_tag
def text_diff(ops) -> Markup:
    return pieces().text_diff(ops)
