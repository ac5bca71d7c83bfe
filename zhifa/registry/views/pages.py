"""Registry pages views."""

urlpatterns: list = []
