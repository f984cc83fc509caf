"""The Editors group: the permissions to record drafts and positions.

Permissions are normally created after all migrations have run (post_migrate), so on a
fresh database they do not exist yet here; ``create_permissions`` makes them first.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Editors"
MODELS = ("plan", "revision", "clause", "clauseversion", "position")
ACTIONS = ("add", "change")


def create_editors_group(apps, schema_editor):
    clauses = apps.get_app_config("clauses")
    # create_permissions skips an app without a models module, which the historical
    # app registry does not set.
    clauses.models_module = True
    create_permissions(clauses, apps=apps, verbosity=0)
    clauses.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="clauses",
            codename__in=[f"{action}_{model}" for model in MODELS for action in ACTIONS],
        )
    )


def remove_editors_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("clauses", "0002_cross_row_rules"),
    ]

    operations = [migrations.RunPython(create_editors_group, remove_editors_group)]
