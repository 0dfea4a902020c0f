from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from corpus.models import Article, Document
from quizzes.access import teacher_required
from quizzes.exporting import export
from quizzes.models import StudyItem


def _download(items, fmt: str, *, filename: str) -> HttpResponse:
    # Every item goes in: the package brings disabled and retired ones suspended, the other
    # formats leave them out (quizzes.exporting).
    content, content_type, extension = export(items, fmt)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{extension}"'
    return response


@teacher_required
@require_GET
def article_export(request: HttpRequest, article_id: int, fmt: str) -> HttpResponse:
    article = get_object_or_404(
        Article.objects.visible_to(request.user).select_related("document"), pk=article_id
    )
    items = StudyItem.objects.filter(article=article)
    return _download(items, fmt, filename=f"xueer-article-{article.pk}")


@teacher_required
@require_GET
def document_export(request: HttpRequest, document_id: int, fmt: str) -> HttpResponse:
    document = get_object_or_404(Document.objects.visible_to(request.user), pk=document_id)
    items = StudyItem.objects.of_document(document)
    return _download(items, fmt, filename=f"xueer-document-{document.pk}")
