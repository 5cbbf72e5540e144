from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "almenhub.core"
    label = "core"
    verbose_name = "Fælles"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.core import checks

        from almenhub.core import ratelimit, signals

        signals.connect()
        checks.register(ratelimit.check_trusted_proxies)
