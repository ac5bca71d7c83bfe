"""The legal review and discretion pages, under ``/cases/``."""

from django.urls import path

from zhifa.cases import review_views as views

app_name = "reviews"

urlpatterns = [
    path("reviews/", views.review_queue, name="queue"),
    path("reviews/export.xlsx", views.review_export, name="export"),
    path("reviews/<int:pk>/", views.review_detail, name="detail"),
    path("reviews/<int:pk>/<str:step>", views.review_act, name="act"),
    path("<int:case>/legal-review/request", views.review_request, name="request"),
    path("<int:case>/legal-review/grounds", views.grounds, name="grounds"),
    path("<int:case>/discretion/", views.discretion, name="discretion"),
    path("<int:case>/decision-deadline/extend", views.extend_deadline, name="extend"),
]
