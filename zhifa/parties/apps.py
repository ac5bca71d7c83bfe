from django.apps import AppConfig


class PartiesConfig(AppConfig):
    name = "zhifa.parties"
    label = "parties"
    verbose_name = "当事人与监管对象"
