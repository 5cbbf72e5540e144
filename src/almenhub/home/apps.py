from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "almenhub.home"
    label = "home"
    default_auto_field = "django.db.models.BigAutoField"
