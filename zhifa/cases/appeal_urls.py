"""The appeals routes (复议、诉讼), under ``/cases/``."""

from django.urls import path

from zhifa.cases import appeal_views as views

app_name = "appeals"

urlpatterns = [
    path("<int:case>/appeals/", views.file_appeal, name="file"),
    path("appeals/<int:pk>/result", views.record_result, name="result"),
    path("appeals/<int:pk>/document", views.download, name="document"),
]
