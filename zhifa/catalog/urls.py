"""Catalogue pages (mounted at /catalog/) and public pages (mounted at /public/catalog/)."""

from zhifa.catalog.views import checklists, excel, guides, pages, public

app_name = "catalog"
urlpatterns = pages.urlpatterns + excel.urlpatterns + guides.urlpatterns + checklists.urlpatterns
public_urlpatterns = public.urlpatterns + guides.public_urlpatterns
