from django.urls import path

from almenhub.indicators import views

app_name = "indicators"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("oversigt.csv", views.summary_csv, name="summary_csv"),
    path("kroner.csv", views.kroner_csv, name="kroner_csv"),
    path("udvikling.csv", views.series_csv, name="series_csv"),
    path("indikatorer/", views.catalogue, name="catalogue"),
    path("organisation/<slug:slug>/", views.organisation_value, name="organisation"),
    path(
        "organisation/<slug:slug>/vaerdi.csv",
        views.organisation_value_csv,
        name="organisation_csv",
    ),
    path(
        "organisation/<slug:slug>/vaerdi.pdf",
        views.organisation_value_pdf,
        name="organisation_pdf",
    ),
]
