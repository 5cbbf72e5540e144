"""allauth's account views at the hub's Danish addresses, under /konto/.

Only the views members use are routed (no e-mail management: the address is
what membership was decided on, so changing it goes through the secretariat),
under the URL names allauth reverses.
"""

from allauth.account import views
from django.urls import path, re_path

from almenhub.users import views as member_views

urlpatterns = [
    path("log-ind/", views.login, name="account_login"),
    path("log-ud/", views.logout, name="account_logout"),
    path("inaktiv/", views.account_inactive, name="account_inactive"),
    path("opret/", member_views.signup, name="account_signup"),
    path(
        "bekraeft/",
        views.email_verification_sent,
        name="account_email_verification_sent",
    ),
    re_path(
        r"^bekraeft/(?P<key>[-:\w]+)/$",
        views.confirm_email,
        name="account_confirm_email",
    ),
    path("adgangskode/", views.password_change, name="account_change_password"),
    path("adgangskode/ny/", views.password_set, name="account_set_password"),
    path("bekraeft-igen/", views.reauthenticate, name="account_reauthenticate"),
    path("nulstil/", views.password_reset, name="account_reset_password"),
    path(
        "nulstil/sendt/", views.password_reset_done, name="account_reset_password_done"
    ),
    re_path(
        r"^nulstil/noegle/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$",
        views.password_reset_from_key,
        name="account_reset_password_from_key",
    ),
    path(
        "nulstil/faerdig/",
        views.password_reset_from_key_done,
        name="account_reset_password_from_key_done",
    ),
]
