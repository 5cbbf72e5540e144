from django.apps import AppConfig


class ThemePagesConfig(AppConfig):
    name = "almenhub.themepages"
    label = "themepages"
    # Its rows reach the public pages and the open data (core.content).
    public_content = True
    verbose_name = "Temasider"
    default_auto_field = "django.db.models.BigAutoField"
