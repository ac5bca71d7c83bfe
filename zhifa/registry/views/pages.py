"""Registry page URLs (mounted at /registry/)."""

from django.urls import path

from zhifa.registry.views.assessments import assessment_export, assessments
from zhifa.registry.views.drills import drill_export
from zhifa.registry.views.officers import (
    officer_create,
    officer_detail,
    officer_list,
    officer_photo,
)
from zhifa.registry.views.oversight import staffing, training_page

urlpatterns: list = [
    path("officers/", officer_list, name="officer_list"),
    path("officers/new/", officer_create, name="officer_create"),
    path("officers/<int:pk>/", officer_detail, name="officer_detail"),
    path("officers/<int:pk>/photo/", officer_photo, name="officer_photo"),
    path("staffing/", staffing, name="staffing"),
    path("training/", training_page, name="training"),
    path("training/drills.xlsx", drill_export, name="drill_export"),
    path("assessments/", assessments, name="assessments"),
    path("assessments/export.xlsx", assessment_export, name="assessment_export"),
]
