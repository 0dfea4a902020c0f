"""A saved document's owner corrects its outline (lines into headings, points or body), says
who may read it, and deletes it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from corpus.corrections import MAX_LEVEL, CorrectionError
from corpus.forms import VisibilityForm
from corpus.models import Document
from quizzes.corrections import document_correct
from quizzes.forms import CorrectionForm
from quizzes.removal import document_delete as remove_document
from quizzes.removal import document_holds
from quizzes.study import selections_prune

DONE = {
    "heading": gettext_lazy("已设为标题。"),
    "body": gettext_lazy("已改为正文。"),
    "point": gettext_lazy("已设为要点。"),
    "unpoint": gettext_lazy("已取消要点。"),
    "split": gettext_lazy("已从这里分为新文章。"),
    "merge": gettext_lazy("已并入上一篇文章。"),
}


def _get_document_for_owner(request: HttpRequest, document_id: int) -> Document:
    """Only the one who imported a document corrects it; to anyone else it is not there."""
    document = get_object_or_404(Document.objects.visible_to(request.user), pk=document_id)
    if not document.is_owned_by(request.user):
        raise Http404
    return document


@login_required
@require_GET
def document_outline(request: HttpRequest, document_id: int) -> HttpResponse:
    document = _get_document_for_owner(request, document_id)
    articles = document.articles.prefetch_related("sections__paragraphs__points")
    context = {"document": document, "articles": articles, "levels": range(1, MAX_LEVEL + 1)}
    return render(request, "quizzes/outline.html", context)


@login_required
@require_POST
def document_outline_correct(request: HttpRequest, document_id: int) -> HttpResponse:
    document = _get_document_for_owner(request, document_id)
    form = CorrectionForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.non_field_errors()) or _("修正表单已损坏，请重试。"))
        return redirect("quizzes:document_outline", document.pk)
    try:
        document_correct(document=document, correction=form.correction())
    except CorrectionError:
        messages.error(request, _("提纲里找不到这一行，或它已经是这样了。请刷新后再试。"))
    else:
        messages.success(request, DONE[form.cleaned_data["op"]])
    return redirect("quizzes:document_outline", document.pk)


@login_required
@require_POST
def document_visibility(request: HttpRequest, document_id: int) -> HttpResponse:
    """The owner (a teacher) shares a document with their classes, publishes it, or takes it
    back; learners who can no longer read it stop studying it. To anyone else it is not there."""
    document = _get_document_for_owner(request, document_id)
    form = VisibilityForm(request.POST)
    if not request.user.has_perm("corpus.publish_document"):
        messages.error(request, _("只有老师能与班级共享或发布文档。"))
    elif not form.is_valid():
        messages.error(request, _("请选择谁能看到这份文档。"))
    else:
        document.visibility = form.cleaned_data["visibility"]
        document.save(update_fields=["visibility"])
        selections_prune(document=document)
        messages.success(
            request,
            _("现在能看到这份文档的是：%(who)s。") % {"who": document.get_visibility_display()},
        )
    return redirect(document)


@login_required
@require_http_methods(["GET", "POST"])
def document_delete(request: HttpRequest, document_id: int) -> HttpResponse:
    """The owner deletes a document that holds nobody else's work, after seeing what goes."""
    document = _get_document_for_owner(request, document_id)
    if request.method == "GET":
        context = {"document": document, "holds": document_holds(document)}
        return render(request, "quizzes/document_delete.html", context)
    holds = remove_document(document)
    if holds.blocked:
        messages.error(request, _("这份文档现在不能删除，原因见下。"))
        return redirect("quizzes:document_delete", document.pk)
    messages.success(request, _("已删除《%(title)s》。") % {"title": document.title})
    return redirect("corpus:library")
