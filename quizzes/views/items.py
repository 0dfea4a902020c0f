import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.db.models import Case, Count, F, Q, Value, When
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from corpus.models import Article, Document
from quizzes.access import answers_withheld, items_held_by_others, teacher_required
from quizzes.forms import FlagForm, ItemForm, ItemStatusForm
from quizzes.forms.item_list import ItemBulkStatusForm, ItemListForm
from quizzes.models import Generation, ItemFlag, StudyItem
from quizzes.roles import is_teacher
from quizzes.tasks import items_restart_if_stalled


def _get_item(request: HttpRequest, item_id: int) -> StudyItem:
    """An item of a document the user may read; anyone else's private one is not there."""
    items = StudyItem.objects.filter(
        article__document__in=Document.objects.visible_to(request.user)
    )
    return get_object_or_404(
        items.select_related("article__document", "section", "paragraph"), pk=item_id
    )


def _get_article(request: HttpRequest, article_id: int) -> Article:
    return get_object_or_404(
        Article.objects.visible_to(request.user).select_related("document"), pk=article_id
    )


def _can_manage(request: HttpRequest, document: Document) -> bool:
    """Teachers (and the document's owner) see every item with its answer."""
    return (
        request.user.is_superuser or is_teacher(request.user) or document.is_owned_by(request.user)
    )


def _get_own_item(request: HttpRequest, item_id: int) -> StudyItem:
    """An item the user edits: one of a document they own (to anyone else it is not there)."""
    item = _get_item(request, item_id)
    if not item.article.document.is_owned_by(request.user):
        raise Http404
    return item


HELD_MESSAGE = gettext_lazy(
    "这个条目在其他老师正在进行的抢答里，抢答结束后才能修改或停用它；你可以添加一个新条目。"
)


def _held_by_others(request: HttpRequest, item: StudyItem) -> bool:
    """Another teacher's running game asks the item (then says so): it waits until the game
    ends. (An assignment keeps the version of its questions it was set with, so it is not held.)"""
    if item.pk in items_held_by_others(request.user, item.article_id):
        messages.error(request, HELD_MESSAGE)
        return True
    return False


ITEMS_PER_PAGE = 50


def _matching(items, query: str) -> list[int]:
    """The ids of the items whose prompt, answers, options or source contain the query.

    In Python: answers and options are JSON, which the database stores with its Chinese
    escaped, so a database search would miss them."""
    needle = query.casefold()
    rows = items.values_list("pk", "prompt", "answers", "options", "source")
    return [
        pk
        for pk, prompt, answers, options, source in rows
        if any(
            needle in str(text).casefold() for text in [prompt, source, *answers, *(options or [])]
        )
    ]


def _filtered(items, filters: dict, *, teacher: bool):
    """The items the list's filters keep, but for their kind (the kind links count the rest).
    A learner sees the active items only, and filters them by text."""
    if not teacher:
        items = items.filter(status=StudyItem.Status.ACTIVE)
    else:
        if filters["status"]:
            items = items.filter(status=filters["status"])
        if filters["weight"]:
            items = items.filter(weight__gte=filters["weight"])
        if filters["flagged"]:
            open_flags = ItemFlag.objects.filter(resolved_at__isnull=True)
            items = items.filter(pk__in=open_flags.values("item"))
    if filters["q"]:
        items = items.filter(pk__in=_matching(items, filters["q"]))
    return items


@login_required
@require_GET
def item_list(request: HttpRequest, article_id: int) -> HttpResponse:
    """An article's items, a page at a time, searched and filtered; teachers see every item
    with its answers and options, the owner disables or enables the ones ticked."""
    article = _get_article(request, article_id)
    teacher = _can_manage(request, article.document)
    editor = article.document.is_owned_by(request.user)
    form = ItemListForm(request.GET)
    filters = form.filters()
    items = _filtered(article.items.all(), filters, teacher=teacher)
    counts = dict(items.order_by().values_list("kind").annotate(n=Count("id")))
    if filters["kind"]:
        items = items.filter(kind=filters["kind"])
    items = items.select_related("section").order_by("kind", "id")
    if teacher:
        items = items.annotate(open_flags=Count("flags", filter=Q(flags__resolved_at__isnull=True)))
    page = Paginator(items, ITEMS_PER_PAGE).get_page(filters["page"])
    context = {
        "article": article,
        "items": page.object_list,
        "page": page,
        "form": form,
        "kind": filters["kind"],
        "all_ticked": filters["all"],
        "filtered": any(filters[name] for name in ("q", "kind", "status", "weight", "flagged")),
        "teacher": teacher,
        "editor": editor,
        "held": items_held_by_others(request.user, article) if editor else set(),
        "kinds": [(value, label, counts.get(value, 0)) for value, label in StudyItem.Kind.choices],
    }
    template = "quizzes/item_list.html#items" if request.htmx else "quizzes/item_list.html"
    return render(request, template, context)


@login_required
@require_POST
def item_bulk_status(request: HttpRequest, article_id: int) -> HttpResponse:
    """The owner disables or enables the items ticked on the list, all of them or none."""
    article = _get_article(request, article_id)
    if not article.document.is_owned_by(request.user):
        raise Http404
    form = ItemBulkStatusForm(request.POST, article=article)
    back = form.next_url(request) or reverse("quizzes:item_list", args=[article.pk])
    if not form.is_valid():
        messages.error(request, form.error_text())
        return redirect(back)
    items, status = form.cleaned_data["items"], form.cleaned_data["status"]
    if {item.pk for item in items} & items_held_by_others(request.user, article):
        messages.error(request, HELD_MESSAGE)
        return redirect(back)
    _items_set_status(items, status=status, user=request.user)
    done = (
        ngettext("已启用 %(count)d 个条目。", "已启用 %(count)d 个条目。", len(items))
        if status == StudyItem.Status.ACTIVE
        else ngettext("已停用 %(count)d 个条目。", "已停用 %(count)d 个条目。", len(items))
    )
    messages.success(request, done % {"count": len(items)})
    return redirect(back)


def _items_set_status(items, *, status: str, user) -> None:
    """A teacher's change of each item's status, as item_status makes it, in one transaction."""
    with transaction.atomic():
        StudyItem.objects.filter(pk__in=[item.pk for item in items]).update(
            status=status,
            origin=Case(
                When(origin=StudyItem.Origin.GENERATED, then=Value(StudyItem.Origin.EDITED)),
                default=F("origin"),
            ),
            edited_by=user,
            updated_at=timezone.now(),
        )


def _render_item(request: HttpRequest, item_id: int, *, revealed: bool) -> HttpResponse:
    item = _get_item(request, item_id)
    teacher = _can_manage(request, item.article.document)
    editor = item.article.document.is_owned_by(request.user)
    if item.status != StudyItem.Status.ACTIVE and not teacher:
        raise Http404
    # A learner's open assignment or running game asks this item: its answer waits (teachers
    # set the questions and keep every answer).
    withheld = not teacher and item.pk in answers_withheld(request.user, item.article_id)
    context = {
        "item": item,
        "flag_form": FlagForm(),
        "teacher": teacher,
        "editor": editor,
        "held": editor and item.pk in items_held_by_others(request.user, item.article_id),
        "revealed": revealed and not withheld,
        "withheld": withheld,
    }
    template = (
        "quizzes/item_detail.html#answer"
        if revealed and request.htmx and not withheld
        else "quizzes/item_detail.html"
    )
    return render(request, template, context, status=403 if revealed and withheld else 200)


@login_required
@require_GET
def item_detail(request: HttpRequest, item_id: int) -> HttpResponse:
    return _render_item(request, item_id, revealed=False)


@login_required
@require_GET
def item_answer(request: HttpRequest, item_id: int) -> HttpResponse:
    """The answer and its highlighted source: only sent once the learner asks for it."""
    return _render_item(request, item_id, revealed=True)


@login_required
@require_POST
def item_flag(request: HttpRequest, item_id: int) -> HttpResponse:
    item = _get_item(request, item_id)
    form = FlagForm(request.POST)
    if not form.is_valid():
        context = {
            "item": item,
            "flag_form": form,
            "teacher": _can_manage(request, item.article.document),
            "revealed": False,
        }
        return render(request, "quizzes/item_detail.html", context, status=400)
    try:
        with transaction.atomic():
            ItemFlag.objects.create(item=item, user=request.user, **form.cleaned_data)
        messages.success(request, _("谢谢！问题已提交给老师。"))
    except IntegrityError:
        messages.info(request, _("你已经反馈过这个条目，老师处理前不必重复提交。"))
    return redirect(item)


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request: HttpRequest, item_id: int) -> HttpResponse:
    item = _get_own_item(request, item_id)
    if _held_by_others(request, item):
        return redirect(item)
    form = ItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        item = form.save(commit=False)
        item.mark_edited(request.user)
        item.save()
        messages.success(request, _("条目已保存。"))
        return redirect(item)
    return render(
        request,
        "quizzes/item_form.html",
        {"form": form, "item": item, "article": item.article},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def item_add(request: HttpRequest, article_id: int) -> HttpResponse:
    article = _get_article(request, article_id)
    if not article.document.is_owned_by(request.user):
        raise Http404
    form = ItemForm(request.POST or None, instance=StudyItem(article=article))
    if request.method == "POST" and form.is_valid():
        item = form.save(commit=False)
        item.origin, item.edited_by = StudyItem.Origin.ADDED, request.user
        item.key = f"added-{uuid.uuid4().hex}"
        item.save()
        messages.success(request, _("条目已添加。"))
        return redirect(item)
    return render(
        request,
        "quizzes/item_form.html",
        {"form": form, "article": article},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_POST
def item_status(request: HttpRequest, item_id: int) -> HttpResponse:
    item = _get_own_item(request, item_id)
    form = ItemStatusForm(request.POST)
    back = (form.is_valid() and form.next_url(request)) or item
    if _held_by_others(request, item):
        return redirect(back)
    if form.is_valid() and item.status != StudyItem.Status.RETIRED:
        item.status = form.cleaned_data["status"]
        item.mark_edited(request.user)
        item.save(update_fields=["status", "origin", "edited_by", "updated_at"])
        messages.success(
            request, _("已启用。") if item.status == StudyItem.Status.ACTIVE else _("已停用。")
        )
    else:
        messages.error(request, _("无法更改这个条目的状态。"))
    return redirect(back)


@teacher_required
@require_GET
def flag_list(request: HttpRequest) -> HttpResponse:
    flags = (
        ItemFlag.objects.filter(
            resolved_at__isnull=True, item__article__document__owner=request.user
        )
        .select_related("item__article", "user")
        .order_by("item__article", "-created_at")
    )
    return render(request, "quizzes/flag_list.html", {"flags": flags})


@teacher_required
@require_POST
def flag_resolve(request: HttpRequest, flag_id: int) -> HttpResponse:
    flag = get_object_or_404(
        ItemFlag, pk=flag_id, resolved_at__isnull=True, item__article__document__owner=request.user
    )
    flag.resolve(request.user)
    messages.success(request, _("已标记为处理完毕。"))
    return redirect("quizzes:flag_list")


@require_GET
def generation_status(request: HttpRequest, document_id: int) -> HttpResponse:
    document = get_object_or_404(Document.objects.visible_to(request.user), pk=document_id)
    generation = Generation.objects.filter(document=document).first()
    context = {"document": document, "generation": generation}
    if generation is not None and generation.state == Generation.State.DONE:
        # The poll that sees it finish says what came of it, with a way in.
        context["made"] = StudyItem.objects.active().of_document(document).count()
        context["first_article"] = document.articles.order_by("position").first()
    return render(request, "quizzes/includes/generation.html", context)


@login_required
@require_POST
def generation_restart(request: HttpRequest, document_id: int) -> HttpResponse:
    """The owner starts a stalled or failed generation again; one that is moving goes on."""
    document = get_object_or_404(Document.objects.visible_to(request.user), pk=document_id)
    if not document.is_owned_by(request.user):
        raise Http404
    if items_restart_if_stalled(document):
        messages.success(request, _("已重新开始生成学习条目。"))
    else:
        messages.info(request, _("学习条目正在生成或已经生成，不必重新开始。"))
    return redirect(document)
