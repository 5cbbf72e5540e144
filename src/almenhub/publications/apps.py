from django.apps import AppConfig


class PublicationsConfig(AppConfig):
    name = "almenhub.publications"
    label = "publications"
    # Its rows reach the public pages and the open data (core.content).
    public_content = True
    default_auto_field = "django.db.models.BigAutoField"
