"""Inspection pages (mounted at /inspections/)."""

from zhifa.inspections.views import filings

app_name = "inspections"
urlpatterns = [*filings.urlpatterns]
