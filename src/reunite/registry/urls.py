from django.urls import path

from reunite.registry import lookups, views, withdrawal_views

urlpatterns = [
    path("persons/<int:person_id>/", views.person_detail, name="person_detail"),
    path("search/", views.search, name="search"),
    path("places/suggest/", lookups.place_suggestions, name="place_suggestions"),
    path("ids/details/", lookups.id_details, name="id_details"),
    path("sources/<int:source_id>/withdraw/", withdrawal_views.withdraw, name="withdraw_consent"),
]
