from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from corpus.forms import ConfirmImportForm, ImportForm, LibrarySearchForm
from corpus.importing import (
    ImportFailed,
    import_job_preview,
    import_job_start,
)
from corpus.importing import document_import as save_document
from corpus.models import Article, Document, ImportJob


@require_GET
def library(request: HttpRequest) -> HttpResponse:
    form = LibrarySearchForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    articles = Article.objects.search(query)
    with_counts = articles.annotate(point_count=Count("sections__paragraphs__points")).order_by(
        "position"
    )
    documents = Document.objects.filter(pk__in=articles.values("document")).prefetch_related(
        Prefetch("articles", queryset=with_counts, to_attr="matching")
    )
    if request.htmx:
        return render(
            request, "corpus/library.html#results", {"query": query, "documents": documents}
        )
    context = {"form": form, "query": query, "documents": documents}
    return render(request, "corpus/library.html", context)


@require_GET
def document_detail(request: HttpRequest, document_id: int) -> HttpResponse:
    document = get_object_or_404(
        Document.objects.select_related("imported_by", "generation"), pk=document_id
    )
    articles = document.articles.annotate(point_count=Count("sections__paragraphs__points"))
    return render(
        request, "corpus/document_detail.html", {"document": document, "articles": articles}
    )


@require_GET
def article_detail(request: HttpRequest, article_id: int) -> HttpResponse:
    article = get_object_or_404(Article.objects.with_outline(), pk=article_id)
    sections = list(article.sections.all())
    return render(request, "corpus/article_detail.html", {"article": article, "sections": sections})


@login_required
@require_http_methods(["GET", "POST"])
def document_import(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES, background=True)
    else:
        form = ImportForm(background=True)
    context = {"form": form}
    if request.method == "POST" and form.is_valid() and "document" in form.cleaned_data:
        try:
            job = import_job_start(
                data=form.cleaned_data["document"],
                filename=form.cleaned_data["filename"],
                user=request.user,
            )
        except ImportFailed as error:
            form.add_error(None, error.message)
        else:
            return _job_response(request, ImportJob.objects.get(pk=job.pk))
    elif request.method == "POST" and form.is_valid():
        preview = form.cleaned_data["preview"]
        context |= {
            "preview": preview,
            "confirm_form": ConfirmImportForm.for_preview(preview, form.cleaned_data["filename"]),
        }
    template = "corpus/import.html#workspace" if request.htmx else "corpus/import.html"
    return render(
        request, template, context, status=400 if form.is_bound and not form.is_valid() else 200
    )


@login_required
@require_GET
def document_import_job(request: HttpRequest, job_id: int) -> HttpResponse:
    """A PDF or Word file being read: polled by the import page until it can be previewed."""
    return _job_response(request, get_object_or_404(request.user.import_jobs, pk=job_id))


def _job_response(request: HttpRequest, job: ImportJob) -> HttpResponse:
    context, status = {"form": ImportForm(background=True), "job": job}, 200
    if not job.is_running:
        try:
            preview = import_job_preview(job)
        except ImportFailed as error:
            context["job_error"], status = error.message, 400
        else:
            context |= {
                "preview": preview,
                "confirm_form": ConfirmImportForm.for_preview(preview, job.filename),
            }
    template = "corpus/import.html#workspace" if request.htmx else "corpus/import.html"
    return render(request, template, context, status=status)


@login_required
@require_POST
def document_import_confirm(request: HttpRequest) -> HttpResponse:
    form = ConfirmImportForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "corpus/import.html",
            {"form": ImportForm(), "confirm_errors": form.non_field_errors()},
            status=400,
        )
    result = save_document(
        preview=form.cleaned_data["preview"],
        filename=form.cleaned_data["filename"],
        user=request.user,
    )
    if result.created:
        messages.success(request, _("已导入《%(title)s》。") % {"title": result.document.title})
    else:
        messages.info(request, _("这份文本已经导入过，就在这里。"))
    return redirect(result.document)
