"""Catalogue public views."""

urlpatterns: list = []
