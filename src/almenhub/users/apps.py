from django.apps import AppConfig


class UsersConfig(AppConfig):
    name = "almenhub.users"
    label = "users"
    verbose_name = "Brugere"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # lazy: ready() runs once the app registry is loaded
        from almenhub.users import signals

        signals.connect()
