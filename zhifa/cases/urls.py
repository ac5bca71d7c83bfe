from django.urls import path

from zhifa.cases import approvals_views, spot_filing_views, summary_views
from zhifa.cases.numbering_views import numbering_page
from zhifa.cases.views import cases

app_name = "cases"

urlpatterns = [
    *cases.urlpatterns,
    path("numbering/", numbering_page, name="numbering"),
    path("on-spot/", summary_views.on_spot_new, name="on_spot"),
    path("<int:pk>/on-spot/collect/", summary_views.on_spot_collect, name="on_spot_collect"),
    path("<int:pk>/on-spot/file/", spot_filing_views.on_spot_file, name="on_spot_file"),
    path("approvals/", approvals_views.approval_list, name="approval_list"),
    path("approvals/export.xlsx", approvals_views.approval_export, name="approval_export"),
]
