from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "almenhub.people"
    label = "people"
    # Its rows reach the public pages and the open data (core.content).
    public_content = True
    default_auto_field = "django.db.models.BigAutoField"
