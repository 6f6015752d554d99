from django.urls import path

from reunite.cases import views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("cases/", views.case_list, name="case_list"),
    path("cases/<int:case_id>/", views.case_detail, name="case_detail"),
    path("cases/<int:case_id>/status/", views.change_status, name="change_status"),
    path("cases/<int:case_id>/applications/", views.add_application, name="add_application"),
    path("applications/<int:application_id>/updates/", views.add_application_update, name="add_application_update"),
    path("testimonies/new/", views.new_testimony, name="new_testimony"),
]
