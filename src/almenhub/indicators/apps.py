from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "almenhub.indicators"
    label = "indicators"
    default_auto_field = "django.db.models.BigAutoField"
