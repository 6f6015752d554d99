from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "reunite.cases"
