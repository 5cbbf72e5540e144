from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "almenhub.news"
    label = "news"
    verbose_name = "Nyheder"
    default_auto_field = "django.db.models.BigAutoField"
