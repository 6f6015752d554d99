from django.apps import AppConfig


class BackupsConfig(AppConfig):
    name = "reunite.backups"
    verbose_name = "Backups"
