"""Registry pages (mounted at /registry/) and public pages (mounted at /public/)."""

from zhifa.registry.views import excel, pages, public

app_name = "registry"
urlpatterns = [*pages.urlpatterns, *excel.urlpatterns]
public_urlpatterns = public.urlpatterns
