from django.apps import AppConfig


class ImporterConfig(AppConfig):
    name = "almenhub.importer"
    label = "importer"
    verbose_name = "Import"
    default_auto_field = "django.db.models.BigAutoField"
