"""Catalogue pages (mounted at /catalog/) and public pages (mounted at /public/catalog/)."""

from zhifa.catalog.views import pages, public

app_name = "catalog"
urlpatterns = pages.urlpatterns
public_urlpatterns = public.urlpatterns
