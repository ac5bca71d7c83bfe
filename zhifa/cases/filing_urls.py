"""The filing and transfer pages, under ``/cases/``."""

from django.urls import path

from zhifa.cases import filing_views as views

app_name = "filings"

urlpatterns = [
    path("filings/", views.queue, name="queue"),
    path("filings/export.xlsx", views.export, name="export"),
    path("filings/<int:pk>/", views.detail, name="detail"),
    path("filings/<int:pk>/<str:step>", views.act, name="act"),
    path("<int:case>/transfer/", views.transfer_new, name="transfer"),
    path("transfers/<int:pk>/", views.transfer_detail, name="transfer_detail"),
    path("transfers/<int:pk>/<str:step>", views.transfer_act, name="transfer_act"),
]
