from django.apps import AppConfig


class TopsConfig(AppConfig):
    name = "tops"
    verbose_name = "TOPS"
