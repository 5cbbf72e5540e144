from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "almenhub.news"
    label = "news"
    # Its rows reach the public pages and the open data (core.content).
    public_content = True
    verbose_name = "Nyheder"
    default_auto_field = "django.db.models.BigAutoField"
