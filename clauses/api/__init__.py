"""The REST API of the record: plans, revisions, clauses, their versions and positions
(mounted under /api/v1/ by peaceplan.api_urls, beside the parties', the diff's and the
drafts' in parties/api.py, comparison/api/ and drafting/api.py).

Small modules by concern: serializers (how resources read), inputs (what writes accept),
filters (the positions list's), renderers (CSV, and JSON of many rows), base (what the
plan's view sets share) and views, which stay thin: they call the selectors and services
and render the result. What every app's API shares (pagination, ETags and If-Match, error
messages, the schema) is in core/api/.
"""
