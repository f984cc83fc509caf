"""What the parties tell the apps above them, which parties may not import.

``party_slug_changed`` is sent inside the transaction of a party's write when its slug
changed, with the saved party: positions name their party by slug in every revision's
fingerprint, so the records app recomputes the fingerprints it holds (clauses/apps.py).
"""

from django.dispatch import Signal

party_slug_changed = Signal()
