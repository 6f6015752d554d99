from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "reunite.accounts"

    def ready(self) -> None:
        from reunite.accounts.roles import grant_role_permissions

        post_migrate.connect(grant_role_permissions, dispatch_uid="accounts:roles")

        from django.contrib.auth.signals import user_logged_in

        from reunite.accounts.middleware import note_login_time

        user_logged_in.connect(note_login_time, dispatch_uid="accounts:login_time")
