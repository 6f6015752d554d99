from django.urls import path

from reunite.transfer import views

urlpatterns = [
    path("import/", views.new_import, name="new_import"),
    path("import/<int:job_id>/", views.import_job, name="import_job"),
    path("import/<int:job_id>/start/", views.start_import, name="start_import"),
    path("import/<int:job_id>/cancel/", views.cancel_import, name="cancel_import"),
    path("import/<int:job_id>/rejected-rows/", views.import_rejects, name="import_rejects"),
    path("export/", views.new_export, name="new_export"),
]
