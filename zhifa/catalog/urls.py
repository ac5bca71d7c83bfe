"""Catalogue pages (mounted at /catalog/) and public pages (mounted at /public/catalog/)."""

from zhifa.catalog.views import (
    approvals,
    benchmark_editor,
    benchmark_excel,
    checklists,
    excel,
    guides,
    pages,
    public,
)

app_name = "catalog"
urlpatterns = (
    pages.urlpatterns
    + approvals.urlpatterns
    + benchmark_editor.urlpatterns
    + benchmark_excel.urlpatterns
    + excel.urlpatterns
    + guides.urlpatterns
    + checklists.urlpatterns
)
public_urlpatterns = public.urlpatterns + guides.public_urlpatterns
