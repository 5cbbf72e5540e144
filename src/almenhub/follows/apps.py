from django.apps import AppConfig


class FollowsConfig(AppConfig):
    name = "almenhub.follows"
    label = "follows"
    verbose_name = "Følg og nyhedsmails"
    default_auto_field = "django.db.models.BigAutoField"
