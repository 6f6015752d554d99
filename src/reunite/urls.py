from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("reunite.accounts.urls")),
    path("", include("reunite.cases.urls")),
    path("", include("reunite.registry.urls")),
    path("", include("reunite.review.urls")),
    path("", include("reunite.audit.urls")),
    path("", include("reunite.transfer.urls")),
    path("", include("reunite.reports.urls")),
]
