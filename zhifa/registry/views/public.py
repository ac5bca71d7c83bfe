"""Registry public views."""

urlpatterns: list = []
