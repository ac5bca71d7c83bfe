from django.urls import path

from zhifa.cases.numbering_views import numbering_page
from zhifa.cases.views import cases

app_name = "cases"

urlpatterns = [*cases.urlpatterns, path("numbering/", numbering_page, name="numbering")]
