"""The REST API of the clauses app (mounted under /api/v1/ by peaceplan.api_urls).

Small modules by concern: serializers (how resources read), inputs (what writes accept),
filters, pagination, etag (If-Match and ETags), exceptions (error messages), links
(readable hyperlinks), schema (documented error responses), history (edit history reads)
and views, which stay thin: they call the selectors and services and render the result.
"""
