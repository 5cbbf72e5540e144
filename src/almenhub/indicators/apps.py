from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "almenhub.indicators"
    label = "indicators"
    verbose_name = "Indikatorer"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # lazy: ready() runs once the app registry is loaded
        from almenhub.indicators import signals

        signals.connect()
