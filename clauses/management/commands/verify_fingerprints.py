"""``manage.py verify_fingerprints``: is every revision's fingerprint still true?

Each revision's fingerprint is recomputed twice, from the stored rows and from history
(the latest history row of each record), each over the predecessor's fingerprint the
revision records, and compared with the stored one. A row edited behind the app's back
differs from its fingerprint; a row edited together with a forged fingerprint differs from
its history, which no one can rewrite. The fingerprint events are checked too: each
revision's events must chain (each holding the hash of the one before, each hash true),
its latest must hold its stored fingerprint (a fingerprint written outside the services
does not), and the predecessor's fingerprint it records must be one of the predecessor's
events. Exits with status 1 and names every mismatch; 0 when all agree.

Each source's text is hashed again (SHA-256) and compared with the hash stored beside it
and with the one its latest history row holds: a text edited behind the app's back is
named too.
"""

from django.core.management.base import BaseCommand, CommandError

from clauses.fingerprints import (
    event_problems,
    mismatches,
    recorded_fingerprints,
    source_mismatches,
)
from clauses.selectors.fingerprints import (
    chain_links,
    chain_links_from_history,
    fingerprint_events,
    revision_contents_and_deletions,
    revision_contents_from_history,
    revision_deletions_from_history,
    revision_names,
    revision_records,
)
from sources.selectors import source_hashes_from_history, source_texts


class Command(BaseCommand):
    help = "Recompute each revision's fingerprint from rows and history; exit 1 on a mismatch."

    def handle(self, *args, **options):
        records = revision_records()
        stored = {record.id: record.fingerprint for record in records}
        recorded = {record.id: record.previous_fingerprint for record in records}
        contents, deletions = revision_contents_and_deletions()
        from_rows = recorded_fingerprints(chain_links(), contents, recorded, deletions)
        from_history = recorded_fingerprints(
            chain_links_from_history(),
            revision_contents_from_history(),
            recorded,
            revision_deletions_from_history(),
        )
        found = [
            *mismatches(stored, from_rows, from_history),
            *event_problems(records, fingerprint_events()),
        ]
        sources = source_mismatches(source_texts(), source_hashes_from_history())
        if not found and not sources:
            self.stdout.write(
                self.style.SUCCESS(f"All {len(stored)} revision fingerprints check out.")
            )
            self.stdout.write(self.style.SUCCESS("Every source's text matches its SHA-256."))
            return
        names = revision_names()
        for mismatch in found:
            self.stderr.write(f"{names[mismatch.revision_id]}: {mismatch.explain()}")
        for mismatch in sources:
            self.stderr.write(mismatch.explain())
        problems = []
        if found:
            wrong = len({mismatch.revision_id for mismatch in found})
            problems.append(f"{wrong} of {len(stored)} revisions do not match their fingerprint")
        if sources:
            problems.append(f"{len(sources)} sources do not match their text's SHA-256")
        raise CommandError("; ".join(problems) + ".")
