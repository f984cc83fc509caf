from django.contrib import admin
from django.contrib.auth.views import (
    LoginView,
    LogoutView,
    PasswordChangeDoneView,
    PasswordChangeView,
)
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import RedirectView
from django.views.i18n import set_language
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.renderers import JSONRenderer

import clauses.editing_urls
import clauses.urls
import comparison.urls
import drafting.urls
import publishing.urls
import statements.urls
from clauses.conditional import site_page
from clauses.views.home import home
from peaceplan.login_limits import AdminLoginForm, LoginForm


class SchemaView(SpectacularAPIView):
    """The schema in YAML or JSON. An error met before either was chosen (an unknown
    format) is answered in JSON, so it keeps the API's error body; in YAML it would reach
    the client only as a bare status (peaceplan.errors)."""

    def perform_content_negotiation(self, request, force=False):
        if force:
            return (JSONRenderer(), JSONRenderer.media_type)
        return super().perform_content_negotiation(request, force)


# Both logins refuse tries for a while after a handful of failures (peaceplan.login_limits).
admin.site.login_form = AdminLoginForm

# URL namespaces name parts of the site, not apps: every page under /plans/<plan>/ is
# "clauses:<name>" whichever app draws it, the editor's forms "editing:<name>", a party's
# pages "parties:<name>". So a page keeps its name when its code moves.
plan_pages = [
    *clauses.urls.urlpatterns,
    *comparison.urls.urlpatterns,
    *publishing.urls.urlpatterns,
]
editing_pages = [
    *clauses.editing_urls.urlpatterns,
    *drafting.urls.urlpatterns,
    *statements.urls.urlpatterns,
]
party_pages = [
    *comparison.urls.party_urlpatterns,
    *publishing.urls.party_urlpatterns,
    *statements.urls.party_urlpatterns,
]

urlpatterns = [
    path("", site_page(home), name="home"),
    path("", include((plan_pages, "clauses"))),
    path("", include((editing_pages, "editing"))),
    path("parties/", include((party_pages, "parties"))),
    path("sources/", include((comparison.urls.source_urlpatterns, "sources"))),
    path("search/", include("search.urls")),
    # The interface language switcher in the page header posts here; it sets the language
    # cookie and goes back to the page. Exempt from CSRF: it changes nothing but the
    # reader's own choice of language, and a token in every page's switcher would keep
    # every page out of the page cache (core/conditional.py).
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("api/v1/", include("peaceplan.api_urls")),
    path("api/schema/", SchemaView.as_view(), name="api-schema"),
    # Swagger UI's start-up script is served as a file of its own (?script), not inline, so
    # the docs page runs under a policy without inline scripts.
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("accounts/login/", LoginView.as_view(authentication_form=LoginForm), name="login"),
    # django.contrib.auth.urls less the password reset: the site sends no mail, so a reset
    # could never arrive. An administrator sets a forgotten password (docs/operations.md).
    path("accounts/logout/", LogoutView.as_view(), name="logout"),
    path("accounts/password_change/", PasswordChangeView.as_view(), name="password_change"),
    path(
        "accounts/password_change/done/",
        PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("admin/", admin.site.urls),
    path("favicon.ico", RedirectView.as_view(url="/static/favicon.svg", permanent=True)),
]

# JSON under /api/, the site's pages elsewhere (peaceplan.errors).
handler400 = "peaceplan.errors.bad_request"
handler404 = "peaceplan.errors.page_not_found"
# A database that does not answer is a 503 to retry, not a 500 (peaceplan.database_down).
handler500 = "peaceplan.database_down.server_error"
