"""Catalogue pages (mounted at /catalog/) and public pages (mounted at /public/catalog/)."""

from zhifa.catalog.views import approvals, excel, guides, pages, public

app_name = "catalog"
urlpatterns = pages.urlpatterns + approvals.urlpatterns + excel.urlpatterns + guides.urlpatterns
public_urlpatterns = public.urlpatterns + guides.public_urlpatterns
