from django.conf import settings
from django.conf.urls.static import static
from django.contrib.staticfiles.urls import staticfiles_urlpatterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from almenhub.core.views import favicon, touch_icon
from almenhub.follows import urls as follow_urls
from almenhub.importer import urls as importer_urls
from almenhub.indicators import urls as indicator_urls
from almenhub.members import urls as member_urls
from almenhub.opendata import urls as opendata_urls
from almenhub.organisations import urls as organisation_urls
from almenhub.people import urls as people_urls
from almenhub.search import urls as search_urls
from almenhub.taxonomy import urls as taxonomy_urls
from almenhub.users import urls as account_urls

handler400 = "almenhub.core.views.bad_request"

urlpatterns = [
    path("favicon.ico", favicon, name="favicon"),
    path("apple-touch-icon.png", touch_icon, name="touch-icon"),
    path("apple-touch-icon-precomposed.png", touch_icon),
    path("admin/import/", include(importer_urls)),
    path("admin/", include(wagtailadmin_urls)),
    path("dokumenter/", include(wagtaildocs_urls)),
    path("tema/", include(taxonomy_urls)),
    path("soeg/", include(search_urls)),
    path("vaerdi/", include(indicator_urls)),
    path("personer/", include(people_urls)),
    path("organisationer/", include(organisation_urls)),
    path("", include(opendata_urls)),
    # Member accounts: allauth's views at Danish addresses, then My page.
    path("konto/", include(account_urls)),
    path("foelg/", include(follow_urls)),
    path("", include(member_urls)),
]

if settings.DEBUG:
    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
