from django.urls import path

from corpus import views

app_name = "corpus"

urlpatterns = [
    path("", views.library, name="library"),
    path("documents/<int:document_id>/", views.document_detail, name="document_detail"),
    path("articles/<int:article_id>/", views.article_detail, name="article_detail"),
    path("import/", views.document_import, name="document_import"),
    path("import/confirm/", views.document_import_confirm, name="document_import_confirm"),
]
