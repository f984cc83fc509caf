"""A renamed clause's old addresses: each answers a permanent redirect to the same address
under the clause's slug now, its query string kept, so a citation never breaks."""

from functools import wraps

from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect

from clauses.selectors.corrections import renamed_clause_slug

# A redirect that keeps the method and the body of a write (RFC 9110), for the API.
PERMANENT_REDIRECT_KEEPING_METHOD = 308


def follows_clause_renames(view):
    """``view`` (of a URL with ``plan`` and ``clause``), answering for a clause's former
    slug a redirect to the URL with its slug now: 301 for a read, 308 for a write. Only a
    URL that names no clause costs the one query that looks the former slug up."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            response = view(request, *args, **kwargs)
        except Http404:
            moved = _moved(request, kwargs)
            if moved is None:
                raise
            return moved
        if response.status_code == 404:
            moved = _moved(request, kwargs)
            if moved is not None:
                return moved
        return response

    return wrapped


def _moved(request, kwargs) -> HttpResponse | None:
    plan, old = kwargs.get("plan"), kwargs.get("clause")
    if not plan or not old:
        return None
    new = renamed_clause_slug(plan_slug=plan, slug=old)
    if new is None or new == old:
        return None
    segment = f"/clauses/{old}/"
    location = request.path.replace(segment, f"/clauses/{new}/", 1)
    query = request.META.get("QUERY_STRING", "")
    if query:
        location = f"{location}?{query}"
    if request.method in ("GET", "HEAD"):
        return HttpResponsePermanentRedirect(location)
    response = HttpResponse(status=PERMANENT_REDIRECT_KEEPING_METHOD)
    response["Location"] = location
    return response


def clause_renames_followed(patterns: list) -> list:
    """``patterns`` with every route that names a clause (``<slug:clause>``) answering
    for a former slug as ``follows_clause_renames`` says; the others as they are. Applied
    to a whole list of routes, so that a route added later follows renames too."""
    for pattern in patterns:
        if "<slug:clause>" in str(getattr(pattern, "pattern", "")):
            pattern.callback = follows_clause_renames(pattern.callback)
    return patterns
