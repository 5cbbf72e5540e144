from django.urls import path

from almenhub.follows import views

app_name = "follows"

urlpatterns = [
    path("", views.follow, name="follow"),
    path("bekraeft/<str:token>/", views.confirm, name="confirm"),
    path("afmeld/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("mine/<str:token>/", views.manage, name="manage"),
]
