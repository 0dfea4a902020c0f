from django.urls import path

import studyapp.converters  # noqa: F401 (registers the <id:> path converter)
from corpus import views

app_name = "corpus"

urlpatterns = [
    path("", views.library, name="library"),
    path("documents/<id:document_id>/", views.document_detail, name="document_detail"),
    path("articles/<id:article_id>/", views.article_detail, name="article_detail"),
    path("import/", views.document_import, name="document_import"),
    path("import/confirm/", views.document_import_confirm, name="document_import_confirm"),
    path("import/files/<id:job_id>/", views.document_import_job, name="document_import_job"),
]
