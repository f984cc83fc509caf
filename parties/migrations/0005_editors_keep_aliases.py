"""Editors keep the party alias table: the Editors group may add and change aliases (never
delete them: history is append-only)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Editors"
PERMISSIONS = ("add_partyalias", "change_partyalias")


def editors_may_keep_aliases(apps, schema_editor):
    config = apps.get_app_config("parties")
    # create_permissions skips an app without a models module, which the historical
    # app registry does not set.
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=EDITORS)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="parties", codename__in=PERMISSIONS)
    )


def editors_may_not_keep_aliases(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    group = apps.get_model("auth", "Group").objects.filter(name=EDITORS).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="parties", codename__in=PERMISSIONS)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("clauses", "0003_editors_group"),
        ("parties", "0004_party_aliases"),
    ]

    operations = [migrations.RunPython(editors_may_keep_aliases, editors_may_not_keep_aliases)]
