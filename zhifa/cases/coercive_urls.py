"""The coercive measure pages (行政强制措施), under ``/cases/``."""

from django.urls import path

from zhifa.cases import coercive_views as views

app_name = "coercive"

urlpatterns = [
    path("coercive/", views.measure_list, name="list"),
    path("coercive/export.xlsx", views.measure_export, name="export"),
    path("coercive/<int:pk>/", views.measure_detail, name="detail"),
    path("coercive/<int:pk>/<str:step>", views.measure_act, name="act"),
    path("<int:case>/coercive/new", views.measure_new, name="new"),
]
