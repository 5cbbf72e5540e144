from django.apps import AppConfig


class ExamplesConfig(AppConfig):
    name = "almenhub.examples"
    label = "examples"
    # Its rows reach the public pages and the open data (core.content).
    public_content = True
    verbose_name = "Eksempler"
    default_auto_field = "django.db.models.BigAutoField"
