from django.urls import path

from reunite.review import views

urlpatterns = [
    path("review/", views.review_queue, name="review_queue"),
    path("review/<int:candidate_id>/", views.candidate_detail, name="candidate_detail"),
    path("review/<int:candidate_id>/decide/", views.record_decision, name="record_decision"),
    path("review/<int:candidate_id>/undo/<int:decision_id>/", views.undo_decision, name="undo_decision"),
    path("persons/<int:person_id>/find-matches/", views.find_matches, name="find_matches"),
]
