"""Registry excel views."""

urlpatterns: list = []
