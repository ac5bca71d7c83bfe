"""The evidence pages of a case, under ``/cases/<case>/evidence/``."""

from django.urls import path

from zhifa.cases import evidence_views as views

app_name = "evidence"

urlpatterns = [
    path("", views.evidence_list, name="list"),
    path("export.xlsx", views.evidence_export, name="export"),
    path("<int:pk>/", views.evidence_detail, name="detail"),
    path("<int:pk>/download", views.evidence_download, name="download"),
    path("<int:pk>/transfer", views.evidence_transfer, name="transfer"),
]
