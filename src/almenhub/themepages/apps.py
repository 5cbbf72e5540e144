from django.apps import AppConfig


class ThemePagesConfig(AppConfig):
    name = "almenhub.themepages"
    label = "themepages"
    verbose_name = "Temasider"
    default_auto_field = "django.db.models.BigAutoField"
