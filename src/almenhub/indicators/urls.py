from django.urls import path

from almenhub.indicators import views

app_name = "indicators"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("oversigt.csv", views.summary_csv, name="summary_csv"),
    path("kroner.csv", views.kroner_csv, name="kroner_csv"),
    path("udvikling.csv", views.series_csv, name="series_csv"),
    path("indikatorer/", views.catalogue, name="catalogue"),
]
