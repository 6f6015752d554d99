from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "reunite.review"
    verbose_name = "Record linkage review"
