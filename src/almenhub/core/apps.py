from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "almenhub.core"
    label = "core"
    verbose_name = "Fælles"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from almenhub.core import signals

        signals.connect()
