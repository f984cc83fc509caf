"""Build a realistic plan of a given size, for benchmarks and for trying the pages at scale.

    manage.py generate_plan --clauses 500 --parties 10 --revisions 50 --seed 1

The same seed always builds the same plan. A creation history row is written for every
record by default, as for any other record: seeding must leave history behind, and the
history pages and history-based diffs (the benchmark's naive peer) read it. The database
copies those rows (one INSERT ... SELECT per table and draft), so they cost little:
500 x 10 x 50 builds in about 45 s on SQLite on 2 cores either way. ``--no-history``
skips them, for a database where history does not matter.
"""

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from generator.plans import default_slug, generate_plan


class Command(BaseCommand):
    help = "Generate a realistic plan: clauses reworded, added and dropped, stances moving."

    def add_arguments(self, parser):
        parser.add_argument("--clauses", type=int, default=500, help="Clauses per revision.")
        parser.add_argument("--parties", type=int, default=10, help="Parties holding positions.")
        parser.add_argument("--revisions", type=int, default=50, help="Number of drafts.")
        parser.add_argument("--seed", type=int, default=1, help="The same seed, the same plan.")
        parser.add_argument("--slug", help="The plan's slug (default: from the size and seed).")
        parser.add_argument(
            "--no-history",
            action="store_true",
            help="Write no history rows (history pages and history-based diffs are then empty).",
        )

    def handle(self, *args, clauses, parties, revisions, seed, slug, no_history, **options):
        for name, value in (("clauses", clauses), ("parties", parties), ("revisions", revisions)):
            if value < 1:
                raise CommandError(f"--{name} must be at least 1, not {value}.")
        slug = slug or default_slug(
            clauses=clauses, parties=parties, revisions=revisions, seed=seed
        )
        bar = tqdm(
            total=revisions,
            unit="draft",
            desc=slug,
            disable=options["verbosity"] == 0,
            file=self.stderr._out,
        )
        with bar:
            try:
                result = generate_plan(
                    clauses=clauses,
                    parties=parties,
                    revisions=revisions,
                    seed=seed,
                    slug=slug,
                    history=not no_history,
                    on_revision=lambda draft: bar.update(1),
                )
            except ValueError as error:
                raise CommandError(str(error)) from None
        if options["verbosity"]:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Plan {result.plan.slug!r}: {result.revisions} revisions, "
                    f"{result.clauses} clauses, {result.clause_versions} clause versions, "
                    f"{result.positions} positions"
                    + (", no history." if no_history else ", each with history.")
                )
            )
