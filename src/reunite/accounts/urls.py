from django.contrib.auth import views as auth_views
from django.urls import path

from reunite.accounts import views

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(template_name="accounts/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("two-factor/", views.verify, name="two_factor_verify"),
    path("two-factor/enrol/", views.enrol, name="two_factor_enrol"),
]
