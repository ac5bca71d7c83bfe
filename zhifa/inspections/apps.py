from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "zhifa.inspections"
    label = "inspections"
    verbose_name = "涉企检查"
