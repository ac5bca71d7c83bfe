"""Visit pages (mounted at /inspections/visits/, namespace ``visits``) and the public rating page
(at /r/<token>/, short for the QR code)."""

from django.urls import path

from zhifa.inspections.views import ratings, visits

app_name = "visits"
urlpatterns = [
    path("", visits.visits_today, name="visits_today"),
    path("<int:pk>/open/", visits.record_open, name="record_open"),
    path("records/<int:pk>/", visits.record_detail, name="record_detail"),
    path("records/<int:pk>/checklist/", visits.record_checklist, name="record_checklist"),
    path("records/<int:pk>/photos/<int:photo>/", visits.record_photo, name="record_photo"),
    path("ratings/", ratings.rating_list, name="rating_list"),
    path("ratings/export.xlsx", ratings.rating_export, name="rating_export"),
    path("ratings/<int:pk>/follow-up/", ratings.rating_follow_up, name="rating_follow_up"),
    path("history/", ratings.my_history, name="my_history"),
]
public_urlpatterns = [path("r/<str:token>/", ratings.rate, name="rate")]
