from django.apps import AppConfig


class ContentPagesConfig(AppConfig):
    name = "almenhub.contentpages"
    label = "contentpages"
    # Its rows reach the public pages and the open data (core.content).
    public_content = True
    verbose_name = "Indholdssider"
    default_auto_field = "django.db.models.BigAutoField"
