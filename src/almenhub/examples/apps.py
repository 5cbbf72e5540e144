from django.apps import AppConfig


class ExamplesConfig(AppConfig):
    name = "almenhub.examples"
    label = "examples"
    verbose_name = "Eksempler"
    default_auto_field = "django.db.models.BigAutoField"
