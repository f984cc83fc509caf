"""The read side of the change stamps: what a conditional GET compares, in one query.

A plan's stamp names the state of everything its pages show (clauses/stamps.py bumps it).
Pages that span plans (the list of plans, the parties) use the site's stamp, which moves
with any plan's stamp and with any party's version.
"""

from datetime import UTC

from django.db import connections, router
from django.utils import timezone

from clauses.models import Plan
from core.conditional import Stamp
from core.input_text import text_fault
from parties.models import Party


def read_connection():
    """The connection the pages' reads use (the replica's, where there is one): a stamp
    read elsewhere could name a state the page's own reads do not show yet."""
    return connections[router.db_for_read(Plan)]


def plan_stamp(slug: str) -> Stamp | None:
    """The stamp of the plan at ``slug``, or None if there is none (one query).

    The tag holds the plan's key and the time it was last changed as well as its counter,
    so that a plan deleted and made again under the same key never repeats a tag.
    """
    # No slug holds NUL or a lone surrogate, which PostgreSQL or its driver would refuse
    # with an error rather than find nothing.
    if text_fault(slug) is not None:
        return None
    # Raw SQL: compiling the ORM's query cost ten times its round trip, and this query is
    # all a 304 or a cached page costs.
    connection = read_connection()
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        # The parties' versions too: a party's name shows on every page of the plan.
        parties = quote(Party._meta.db_table)
        cursor.execute(
            f"SELECT {quote(Plan._meta.pk.column)}, change_stamp, changed_at, "  # noqa: S608 -- quoted names
            f"(SELECT COUNT(*) FROM {parties}), (SELECT SUM(version) FROM {parties}) "
            f"FROM {quote(Plan._meta.db_table)} WHERE slug = %s",
            [slug],
        )
        row = cursor.fetchone()
    if row is None:
        return None
    pk, counter, changed_at, party_count, party_total = row
    # SQLite hands back a datetime column as text through a raw cursor.
    changed_at = Plan._meta.get_field("changed_at").to_python(changed_at)
    if timezone.is_naive(changed_at):
        changed_at = timezone.make_aware(changed_at, UTC)
    moment = f"{changed_at.timestamp():.6f}"
    return Stamp(
        tag=f"p{pk}.{counter}.{moment}.{party_count}.{party_total or 0}", changed_at=changed_at
    )


def site_stamp() -> Stamp:
    """The stamp of every plan and party together (one query)."""
    connection = read_connection()
    plans = connection.ops.quote_name(Plan._meta.db_table)
    parties = connection.ops.quote_name(Party._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT COUNT(*) FROM {plans}), (SELECT SUM(change_stamp) FROM {plans}), "  # noqa: S608 -- quoted names
            f"(SELECT MAX(changed_at) FROM {plans}), (SELECT COUNT(*) FROM {parties}), "
            f"(SELECT SUM(version) FROM {parties})"
        )
        plan_count, plan_total, latest, party_count, party_total = cursor.fetchone()
    # SQLite hands back the aggregate of a datetime column as text.
    latest = Plan._meta.get_field("changed_at").to_python(latest) if latest else None
    if latest is not None and timezone.is_naive(latest):
        latest = timezone.make_aware(latest, UTC)
    moment = f"{latest.timestamp():.6f}" if latest else "0"
    return Stamp(
        tag=f"s{plan_count}.{plan_total or 0}.{moment}.{party_count}.{party_total or 0}",
        changed_at=latest,
    )
