from django.urls import path

from reunite.reports import dossier_views, views

urlpatterns = [
    path("reports/", views.new_report, name="new_report"),
    path("cases/<int:case_id>/dossier/", dossier_views.case_dossier, name="case_dossier"),
]
