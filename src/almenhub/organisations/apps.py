from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "almenhub.organisations"
    label = "organisations"
    # Its rows reach the public pages and the open data (core.content).
    public_content = True
    default_auto_field = "django.db.models.BigAutoField"
