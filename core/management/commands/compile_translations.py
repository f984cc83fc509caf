"""``manage.py compile_translations``: every ``django.po`` under LOCALE_PATHS compiled to the
``django.mo`` beside it, in pure Python (polib), so a machine without GNU gettext
(``compilemessages`` needs its ``msgfmt``) serves the translated interface. ``make install``
runs it; the ``.mo`` files are build output, not kept in git.

A catalogue with an entry left untranslated or fuzzy is refused (it would show English in
the middle of the translated interface), naming the file and the entries.
"""

import os
from pathlib import Path

import polib  # type: ignore[import-untyped]
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


def catalogues() -> list[Path]:
    return sorted(
        po for base in settings.LOCALE_PATHS for po in Path(base).glob("*/LC_MESSAGES/*.po")
    )


def unfinished(catalogue: polib.POFile) -> list[str]:
    """The msgids of the entries a reader would see in English."""
    return [
        entry.msgid
        for entry in catalogue
        if not entry.obsolete and ("fuzzy" in entry.flags or not entry.translated())
    ]


class Command(BaseCommand):
    help = "Compile the interface's translations (locale/*/LC_MESSAGES/*.po) to .mo files."

    def handle(self, *args, **options):
        for po in catalogues():
            catalogue = polib.pofile(str(po))
            missing = unfinished(catalogue)
            if missing:
                raise CommandError(
                    f"{po}: {len(missing)} entries untranslated or fuzzy: "
                    + "; ".join(repr(msgid) for msgid in missing[:5])
                )
            mo = po.with_suffix(".mo")
            # Written beside it, then moved in whole: a process reading the catalogue
            # meanwhile reads the old file or the new one, never half of one.
            partial = mo.with_name(f".{mo.name}.{os.getpid()}")
            catalogue.save_as_mofile(str(partial))
            os.replace(partial, mo)
            if options["verbosity"] > 0:
                self.stdout.write(f"{mo}: {len(catalogue)} messages")
