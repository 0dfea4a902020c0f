from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _

from corpus.forms import ImportForm
from corpus.importing import document_import
from corpus.models import Article, Document, KeyPoint, Paragraph, Section


class ArticleInline(admin.TabularInline):
    model = Article
    fields = ["position", "title", "column", "source"]
    extra = 0
    show_change_link = True


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "filename", "owner", "visibility", "created_at"]
    list_filter = ["visibility"]
    search_fields = ["title", "filename"]
    readonly_fields = ["sha256", "encoding", "original_text", "owner", "created_at"]
    inlines = [ArticleInline]

    def get_urls(self):
        import_view = self.admin_site.admin_view(self.import_view)
        return [path("import/", import_view, name="corpus_document_import"), *super().get_urls()]

    def add_view(
        self, request: HttpRequest, form_url: str = "", extra_context=None
    ) -> HttpResponse:
        # A document is only ever made by the importer, so "add" means "import".
        return redirect("admin:corpus_document_import")

    def import_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_add_permission(request):
            return redirect("admin:index")
        form = (
            ImportForm(request.POST, request.FILES, user=request.user)
            if request.method == "POST"
            else ImportForm(user=request.user)
        )
        if request.method == "POST" and form.is_valid():
            result = document_import(
                preview=form.cleaned_data["preview"],
                filename=form.cleaned_data["filename"],
                user=request.user,
                visibility=Document.Visibility.PUBLISHED,
            )
            if result.created:
                self.message_user(
                    request, _("已导入《%(title)s》。") % {"title": result.document.title}
                )
            else:
                self.message_user(request, _("这份文本已经导入过，就在这里。"), messages.INFO)
            return redirect(reverse("admin:corpus_document_change", args=[result.document.pk]))
        context = {
            **self.admin_site.each_context(request),
            "form": form,
            "opts": self.model._meta,
            "title": _("导入文本"),
        }
        return TemplateResponse(request, "admin/corpus/document/import.html", context)


class KeyPointInline(admin.TabularInline):
    model = KeyPoint
    fields = ["position", "text", "start"]
    extra = 0


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "document", "position", "column", "source"]
    list_select_related = ["document"]
    search_fields = ["title", "authors_text"]


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "article", "level", "position"]
    list_select_related = ["article"]


@admin.register(Paragraph)
class ParagraphAdmin(admin.ModelAdmin):
    list_display = ["__str__", "section", "position"]
    list_select_related = ["section"]
    inlines = [KeyPointInline]
