from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "almenhub.indicators"
    label = "indicators"
    # Its rows reach the public pages and the open data (core.content).
    public_content = True
    verbose_name = "Indikatorer"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # lazy: ready() runs once the app registry is loaded
        from almenhub.indicators import signals

        signals.connect()
