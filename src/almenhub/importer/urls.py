from django.urls import path

app_name = "importer"

# Filled in by the importer's admin upload view.
urlpatterns: list = []
