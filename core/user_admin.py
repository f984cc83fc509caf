"""The user admin says why an author cannot be deleted, and what to do instead."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from core.accounts import users_with_history
from core.authorship import HAS_HISTORY


class AuthorProtectingUserAdmin(UserAdmin):
    def get_deleted_objects(self, objs, request):
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        authors = users_with_history([user.pk for user in objs])
        protected = [
            *protected,
            *(HAS_HISTORY.format(user=user) for user in objs if user.pk in authors),
        ]
        return deleted, counts, perms_needed, protected


User = get_user_model()
if admin.site.is_registered(User):
    admin.site.unregister(User)
admin.site.register(User, AuthorProtectingUserAdmin)
