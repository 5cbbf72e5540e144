from django.apps import AppConfig


class WorkerConfig(AppConfig):
    name = "almenhub.worker"
    label = "worker"
    verbose_name = "Baggrundsjob"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.utils.module_loading import autodiscover_modules

        # Each app declares its periodic jobs in its own `jobs.py`; importing
        # them here registers them, so this app never names a domain app.
        autodiscover_modules("jobs")
