from django.apps import AppConfig


class OpendataConfig(AppConfig):
    name = "almenhub.opendata"
    label = "opendata"
    verbose_name = "Åbne data"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # lazy: ready() runs once the app registry is loaded
        from almenhub.opendata import freshness

        freshness.connect()
