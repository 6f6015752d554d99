from django.apps import AppConfig


class TransferConfig(AppConfig):
    name = "reunite.transfer"
    verbose_name = "Import of lists"
