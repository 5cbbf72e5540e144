from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo content `make run` loads into an empty hub (`load_demo`)."""

    name = "almenhub.demo"
    label = "demo"
    verbose_name = "Demoindhold"
