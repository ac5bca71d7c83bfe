"""Inspection pages (mounted at /inspections/); the public ones are in ``views/public.py``."""

from django.urls import path

from zhifa.inspections.views import draws, filings, plans

app_name = "inspections"
urlpatterns = [
    *filings.urlpatterns,
    path("plans/", plans.plan_list, name="plan_list"),
    path("plans/export.xlsx", plans.plan_export, name="plan_export"),
    path("plans/new/", plans.plan_create, name="plan_create"),
    path("plans/<int:pk>/", plans.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/edit/", plans.plan_edit, name="plan_edit"),
    path("draws/<int:pk>/", draws.draw_detail, name="draw_detail"),
    path("draws/<int:pk>/file-targets/", draws.file_targets, name="draw_file_targets"),
    path("conflicts/", draws.conflict_list, name="conflict_list"),
]
