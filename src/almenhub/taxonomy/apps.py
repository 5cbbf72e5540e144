from django.apps import AppConfig


class TaxonomyConfig(AppConfig):
    name = "almenhub.taxonomy"
    label = "taxonomy"
    # Its rows reach the public pages and the open data (core.content).
    public_content = True
    default_auto_field = "django.db.models.BigAutoField"
