from django.apps import AppConfig


class MembersConfig(AppConfig):
    """The member's own pages (My page, their organisation, their data) and
    contact with the people behind a page: they gather what the domain apps
    hold about one member, so they sit above them."""

    name = "almenhub.members"
    label = "members"
    verbose_name = "Medlemmer"
    default_auto_field = "django.db.models.BigAutoField"
