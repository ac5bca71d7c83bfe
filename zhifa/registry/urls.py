"""Registry pages (mounted at /registry/) and public pages (mounted at /public/)."""

from django.urls import path

app_name = "registry"
urlpatterns: list = []
public_urlpatterns: list = []
