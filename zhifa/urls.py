"""URLs: pages at the root, the API under /api/v1/ (schema and Swagger UI served offline)."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from zhifa.cases import api as cases_api
from zhifa.cases import api_reviews as cases_reviews_api
from zhifa.cases import appeal_api as cases_appeal_api
from zhifa.cases import appeal_urls as cases_appeal_urls
from zhifa.cases import coercive_api as cases_coercive_api
from zhifa.cases import coercive_urls as cases_coercive_urls
from zhifa.cases import document_api as case_document_api
from zhifa.cases import document_urls as case_document_urls
from zhifa.cases import evidence_api as cases_evidence_api
from zhifa.cases import evidence_urls as cases_evidence_urls
from zhifa.cases import execution_api as cases_execution_api
from zhifa.cases import execution_views as cases_execution_urls
from zhifa.cases import filing_api as cases_filing_api
from zhifa.cases import filing_urls as cases_filing_urls
from zhifa.cases import review_urls as cases_review_urls
from zhifa.cases import urls as cases_urls
from zhifa.catalog import api as catalog_api
from zhifa.catalog import urls as catalog_urls
from zhifa.core import api_views as core_api
from zhifa.core import calendar_views, document_urls, document_views, health, ledger_views
from zhifa.core import document_api as core_document_api
from zhifa.core import views as core_views
from zhifa.inspections import api as inspections_api
from zhifa.inspections import api_visits as inspections_visits_api
from zhifa.inspections import filing_api as inspections_filing_api
from zhifa.inspections import urls as inspections_urls
from zhifa.inspections import visit_urls as inspections_visit_urls
from zhifa.inspections.views import public as inspections_public
from zhifa.org import api as org_api
from zhifa.org.views import agencies, auth, users
from zhifa.parties import api as parties_api
from zhifa.parties import urls as parties_urls
from zhifa.portal import display as portal_display
from zhifa.portal import imports as portal_imports
from zhifa.portal import public as portal_public
from zhifa.portal import views as portal_views
from zhifa.registry import api as registry_api
from zhifa.registry import urls as registry_urls

router = DefaultRouter(trailing_slash=False)
router.register("regions", org_api.RegionViewSet, basename="region")
router.register("agencies", org_api.AgencyViewSet, basename="agency")
router.register("units", org_api.UnitViewSet, basename="unit")
router.register("users", org_api.UserViewSet, basename="user")
router.register("roles", org_api.MembershipViewSet, basename="role")
router.register("ledger/entries", core_api.LedgerEntryViewSet, basename="ledger-entry")
router.register(
    "calendar/overrides", core_api.CalendarOverrideViewSet, basename="calendar-override"
)
router.register("calendar/notices", core_api.HolidayNoticeViewSet, basename="holiday-notice")
core_document_api.register(router)
registry_api.register(router)
catalog_api.register(router)
parties_api.register(router)
inspections_filing_api.register(router)
inspections_visits_api.register(router)
inspections_api.register(router)
cases_api.register(router)
cases_reviews_api.register(router)
cases_evidence_api.register(router)
cases_appeal_api.register(router)
cases_filing_api.register(router)
cases_coercive_api.register(router)
cases_execution_api.register(router)

api = [
    path("auth/token", org_api.TokenView.as_view(), name="api-token"),
    path("calendar/deadline", core_api.DeadlineView.as_view(), name="api-deadline"),
    path("ledger/verify", core_api.LedgerVerifyView.as_view(), name="api-ledger-verify"),
    path(
        "public/ratings/<str:token>",
        inspections_visits_api.PublicRatingView.as_view(),
        name="api-public-rating",
    ),
    path(
        "public/draws/<int:pk>",
        inspections_api.PublicDrawView.as_view(),
        name="api-public-draw",
    ),
    path(
        "public/documents/<str:code>",
        core_document_api.PublicDocumentView.as_view(),
        name="api-public-document",
    ),
    path(
        "cases/<int:pk>/documents",
        case_document_api.CaseDocumentsView.as_view(),
        name="api-case-documents",
    ),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves Swagger UI's start-up script as a file: the CSP allows no inline script.
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api-schema", template_name="core/swagger_ui.html"
        ),
        name="api-docs",
    ),
    path("", include(router.urls)),
]

# A database outage raised outside a view (the session saved after it) is a 503, not a 500.
handler500 = "zhifa.core.outage.server_error"
handler400 = "zhifa.core.outage.bad_request"
handler404 = "zhifa.core.handlers.not_found"

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("", portal_views.home, name="home"),
    path("public/", portal_public.public_home, name="public_home"),
    path("public/search/", portal_public.public_search, name="public_search"),
    path("text-size/", portal_display.text_size_switch, name="text_size"),
    path("imports/", portal_imports.imports_page, name="imports"),
    path("imports/<slug:key>/", portal_imports.import_upload, name="import_upload"),
    path(
        "imports/<slug:key>/template.xlsx", portal_imports.import_template, name="import_template"
    ),
    path("login/", auth.LoginView.as_view(), name="login"),
    path("logout/", auth.logout_view, name="logout"),
    path("password/", auth.password_change, name="password_change"),
    path("agencies/", agencies.agency_list, name="agency_list"),
    path("agencies/export.xlsx", agencies.agency_export, name="agency_export"),
    path("agencies/<int:pk>/", agencies.agency_detail, name="agency_detail"),
    path("users/", users.user_list, name="user_list"),
    path("users/<int:pk>/", users.user_detail, name="user_detail"),
    path("users/resets/", users.reset_requests, name="reset_requests"),
    path("calendar/", calendar_views.calendar_page, name="calendar"),
    path("calendar/<int:year>/", calendar_views.notice_page, name="calendar_notice"),
    path("deadline/", core_views.deadline, name="deadline"),
    path("ledger/", ledger_views.ledger_page, name="ledger"),
    path("ledger/export.xlsx", ledger_views.ledger_export, name="ledger_export"),
    path("ledger/<int:seq>/", ledger_views.ledger_entry, name="ledger_entry"),
    path("parameters/", core_views.parameters_page, name="parameters"),
    path("documents/<int:pk>/download/", document_views.download, name="document_download"),
    path("registry/", include(registry_urls)),
    path("catalog/", include(catalog_urls)),
    path("parties/", include(parties_urls)),
    path("inspections/", include(inspections_urls)),
    path("cases/", include(cases_urls)),
    path("inspections/visits/", include(inspections_visit_urls)),
    path("cases/<int:case>/evidence/", include(cases_evidence_urls)),
    path("cases/", include(cases_review_urls)),
    path("cases/", include(cases_appeal_urls)),
    path("cases/", include(cases_execution_urls)),
    path("cases/", include(cases_filing_urls)),
    path("cases/", include(cases_coercive_urls)),
    *inspections_visit_urls.public_urlpatterns,
    path("public/catalog/", include((catalog_urls.public_urlpatterns, "public_catalog"))),
    path("public/inspections/", include(inspections_public)),
    path("public/documents/", include(document_urls)),
    path("cases/", include(case_document_urls)),
    path("public/", include((registry_urls.public_urlpatterns, "public"))),
    path("api/v1/", include(api)),
]
