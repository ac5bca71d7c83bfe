"""当事人 pages, mounted at /parties/."""

from django.urls import path

from zhifa.parties.views import pages

app_name = "parties"
urlpatterns = [
    path("", pages.party_list, name="party_list"),
    path("new/", pages.party_create, name="party_create"),
    path("export.xlsx", pages.party_export, name="party_export"),
    path("import/", pages.party_import, name="party_import"),
    path("import/template.xlsx", pages.party_template, name="party_template"),
    path("<int:pk>/", pages.party_detail, name="party_detail"),
]
