"""Django's cached template loader, which reads each template afresh while DEBUG is on.

Django keeps every template it has read, and forgets them only when runserver's reloader
sees a file change: under another server, an edited template would show after a restart.
The choice is made at each read rather than in the settings because DEBUG may change after
they are read: the test runner and the benchmark start with DEBUG on and turn it off, and
must render from the cache as production does.
"""

from django.conf import settings
from django.template.loaders import base, cached


class Loader(cached.Loader):
    def get_template(self, template_name, skip=None):
        if settings.DEBUG:
            # The plain loader's way, through this loader's own loaders.
            return base.Loader.get_template(self, template_name, skip)
        return super().get_template(template_name, skip)
