from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from corpus.forms import (
    ConfirmImportForm,
    ImportForm,
    LibrarySearchForm,
    PageForm,
    VisibilityForm,
)
from corpus.importing import (
    ImportFailed,
    import_job_preview,
    import_job_start,
)
from corpus.importing import document_import as save_document
from corpus.models import SECTIONS_PER_PAGE, Article, Document, ImportJob, Paragraph


@require_GET
def library(request: HttpRequest) -> HttpResponse:
    form = LibrarySearchForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    articles = Article.objects.visible_to(request.user).search(query)
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
        Document.objects.visible_to(request.user).select_related("owner", "generation"),
        pk=document_id,
    )
    articles = document.articles.annotate(point_count=Count("sections__paragraphs__points"))
    context = {"document": document, "articles": articles}
    if document.is_owned_by(request.user) and request.user.has_perm("corpus.publish_document"):
        context["visibility_form"] = VisibilityForm(initial={"visibility": document.visibility})
    return render(request, "corpus/document_detail.html", context)


@require_GET
def article_detail(request: HttpRequest, article_id: int) -> HttpResponse:
    """An article's outline and text, a page of sections at a time (a report with thousands
    of headings stays a page a phone can load)."""
    article = get_object_or_404(
        Article.objects.visible_to(request.user).select_related("document"), pk=article_id
    )
    form = PageForm(request.GET)
    paragraphs = Paragraph.objects.prefetch_related("points")
    sections = article.sections.prefetch_related(Prefetch("paragraphs", queryset=paragraphs))
    page = Paginator(sections, SECTIONS_PER_PAGE).get_page(
        form.cleaned_data["page"] if form.is_valid() else 1
    )
    context = {"article": article, "sections": list(page.object_list), "page": page}
    return render(request, "corpus/article_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def document_import(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES, background=True, user=request.user)
    else:
        form = ImportForm(background=True, user=request.user)
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
            "confirm_form": ConfirmImportForm.for_preview(
                preview, form.cleaned_data["filename"], request.user
            ),
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
    context, status = {"form": ImportForm(background=True, user=request.user), "job": job}, 200
    if not job.is_running:
        try:
            preview = import_job_preview(job)
        except ImportFailed as error:
            context["job_error"], status = error.message, 400
        else:
            context |= {
                "preview": preview,
                "confirm_form": ConfirmImportForm.for_preview(preview, job.filename, request.user),
            }
    template = "corpus/import.html#workspace" if request.htmx else "corpus/import.html"
    return render(request, template, context, status=status)


@login_required
@require_POST
def document_import_confirm(request: HttpRequest) -> HttpResponse:
    form = ConfirmImportForm(request.POST, user=request.user)
    failed = None
    if form.is_valid():
        try:
            result = save_document(
                preview=form.cleaned_data["preview"],
                filename=form.cleaned_data["filename"],
                user=request.user,
                visibility=form.cleaned_data.get("visibility"),
                title=form.cleaned_data["title"],
            )
        except ImportFailed as error:
            failed = [error.message]
    if not form.is_valid() or failed:
        return render(
            request,
            "corpus/import.html",
            {
                "form": ImportForm(user=request.user),
                "confirm_errors": failed or form.non_field_errors(),
            },
            status=400,
        )
    if result.created:
        messages.success(request, _("已导入《%(title)s》。") % {"title": result.document.title})
    else:
        messages.info(request, _("这份文本已经导入过，就在这里。"))
    return redirect(result.document)
