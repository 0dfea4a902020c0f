from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, reverse_lazy

import studyapp.converters  # noqa: F401 (registers the <id:> path converter)
from quizzes.forms import SignInForm
from quizzes.views import accounts, live

urlpatterns = [
    path("", include("corpus.urls")),
    path("", include("quizzes.urls")),
    path("join", live.live_join, name="live_join"),  # short, for typing off a projector
    # The live quiz's server-sent event streams (django-eventstream, served under ASGI).
    path("live/<id:live_id>/events/", live.live_events, name="live_events"),
    path("live/<id:live_id>/host/events/", live.live_host_events, name="live_host_events"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(
            authentication_form=SignInForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/signup/", accounts.signup, name="signup"),
    path(
        "accounts/password/",
        auth_views.PasswordChangeView.as_view(success_url=reverse_lazy("password_change_done")),
        name="password_change",
    ),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
