from django.apps import AppConfig


class ContentPagesConfig(AppConfig):
    name = "almenhub.contentpages"
    label = "contentpages"
    verbose_name = "Indholdssider"
    default_auto_field = "django.db.models.BigAutoField"
