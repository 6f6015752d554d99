from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reunite.reports"
    verbose_name = "Reports and dossiers"
