from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "reunite.audit"
    verbose_name = "Audit log"

    def ready(self) -> None:
        from reunite.audit import signals

        signals.connect()
