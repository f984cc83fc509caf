"""The plans a run measures: built once by the generator, reused while seed and size match."""

import sys

from tqdm import tqdm

from bench.config import Size
from bench.languages import ensure_translations
from clauses.models import Plan
from generator.plans import default_slug, generate_plan, plan_description


class StaleData(Exception):
    """A plan of this slug exists but was built with another generator or seed."""


def ensure_plan(size: Size, *, seed: int, progress: bool = True) -> tuple[Plan, bool]:
    """The plan of this size and seed, built now if missing; and whether it was reused.

    Built with history: the naive diff reads it through simple-history.
    """
    slug = default_slug(seed=seed, **size.kwargs)
    description = plan_description(seed=seed, history=True, **size.kwargs)
    plan = Plan.objects.filter(slug=slug).first()
    if plan is not None:
        if plan.description != description:
            raise StaleData(slug)
        # Its texts in a second language, for the cases read in it (bench/languages.py).
        ensure_translations(plan)
        return plan, True
    with tqdm(
        total=size.revisions,
        unit="draft",
        desc=f"building {size}",
        disable=not progress,
        file=sys.stderr,
    ) as bar:
        result = generate_plan(
            seed=seed,
            slug=slug,
            history=True,
            on_revision=lambda draft: bar.update(1),
            **size.kwargs,
        )
    ensure_translations(result.plan)
    return result.plan, False
