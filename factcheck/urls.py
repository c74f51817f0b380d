from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from claims import public
from factcheck import views
from factcheck.auth import ThrottledAdminAuthenticationForm, ThrottledAuthenticationForm

# Under /api/ these answer with a problem document; elsewhere with our pages.
handler400 = views.bad_request
handler403 = views.permission_denied
handler404 = views.page_not_found
handler500 = views.server_error

# The admin signs in through the same throttle, with the same lockout message.
admin.site.login_form = ThrottledAdminAuthenticationForm

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("admin/", admin.site.urls),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(authentication_form=ThrottledAuthenticationForm),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("desk/", include("reviewers.urls")),
    path("checks/<int:pk>/", public.check_detail, name="check-short"),
    path("checks/<int:pk>-<slug:slug>/", public.check_detail, name="check-detail"),
    path("claimants/<int:pk>/", public.claimant_detail, name="claimant-short"),
    path("claimants/<int:pk>-<slug:slug>/", public.claimant_detail, name="claimant-detail"),
    # Before the claims API: its last route answers every unknown /api/v1/ address with 404.
    path("api/v1/", include("reviewers.api.urls")),
    path("api/v1/", include("claims.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its script as a file (no inline script, for the CSP).
    path(
        "api/docs/",
        SpectacularSwaggerSplitView.as_view(url_name="schema", template_name="api/swagger_ui.html"),
        name="api-docs",
    ),
]
