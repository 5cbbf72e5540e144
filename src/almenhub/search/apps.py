from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "almenhub.search"
    label = "sitesearch"
    # Its rows reach the public pages and the open data (core.content).
    public_content = True
    verbose_name = "Søgning"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from almenhub.search import (  # lazy: the app registry must be ready
            checks,  # noqa: F401  (registers the system check)
            signals,
        )

        signals.connect()
