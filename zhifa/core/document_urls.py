"""Public document check pages (mounted at /public/documents/)."""

from django.urls import path

from zhifa.core import document_views

app_name = "public_documents"

urlpatterns = [
    path("", document_views.lookup, name="lookup"),
    path("<str:code>/", document_views.detail, name="detail"),
]
