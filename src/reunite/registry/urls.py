from django.urls import path

from reunite.registry import views

urlpatterns = [
    path("persons/<int:person_id>/", views.person_detail, name="person_detail"),
    path("search/", views.search, name="search"),
]
