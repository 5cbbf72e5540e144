from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "almenhub.core"
    label = "core"
    verbose_name = "Fælles"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.core import checks
        from django.db.models.signals import post_migrate

        # lazy: ready() runs once the app registry is loaded
        from almenhub.core import admin_search, ratelimit, signals

        # lazy: ready() runs once the app registry is loaded
        from almenhub.core.pages import clusters, dates

        signals.connect()
        dates.connect()
        clusters.install()
        post_migrate.connect(
            admin_search.index_rows_after_migrate,
            dispatch_uid="almenhub-admin-search-after-migrate",
        )
        checks.register(ratelimit.check_trusted_proxies)
