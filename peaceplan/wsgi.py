"""WSGI entry point (gunicorn peaceplan.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peaceplan.settings")

application = get_wsgi_application()
