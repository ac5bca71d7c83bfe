"""Catalogue pages views."""

urlpatterns: list = []
