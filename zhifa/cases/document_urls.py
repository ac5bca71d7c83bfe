"""Case document pages (mounted at /cases/)."""

from django.urls import path

from zhifa.cases import document_views

app_name = "case_documents"

urlpatterns = [
    path("<int:pk>/documents/", document_views.document_list, name="list"),
    path("<int:pk>/documents/new/<slug:kind>/", document_views.document_new, name="new"),
]
