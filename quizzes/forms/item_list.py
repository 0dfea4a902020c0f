"""The teacher's item list: its filters, and disabling or enabling the items ticked on it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from quizzes.forms.fields import IdMultipleChoiceField, page_on_this_site
from quizzes.models import StudyItem


class ItemListForm(forms.Form):
    """?q=&kind=&status=&weight=&flagged=&page= of an article's item list (weight: at least
    that much); a bad value filters nothing."""

    q = forms.CharField(label=_("搜索题面或答案"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("题型"), required=False, choices=[("", _("全部"))] + StudyItem.Kind.choices
    )
    status = forms.ChoiceField(
        label=_("状态"), required=False, choices=[("", _("全部"))] + StudyItem.Status.choices
    )
    weight = forms.TypedChoiceField(
        label=_("权重"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("不限"))] + [(n, _("%(n)d 及以上") % {"n": n}) for n in range(9, 1, -1)],
    )
    flagged = forms.BooleanField(label=_("只看有待处理反馈的"), required=False)
    # Every checkbox of the page ticked: selecting a page without JavaScript.
    all = forms.BooleanField(required=False)
    page = forms.IntegerField(required=False, min_value=1, max_value=100_000)

    def filters(self) -> dict:
        """The filters, each at its default where it was not given or not valid."""
        self.is_valid()  # cleaned_data then holds the valid fields only
        cleaned = self.cleaned_data
        return {
            "q": cleaned.get("q", ""),
            "kind": cleaned.get("kind", ""),
            "status": cleaned.get("status", ""),
            "weight": cleaned.get("weight"),
            "flagged": cleaned.get("flagged", False),
            "all": cleaned.get("all", False),
            "page": cleaned.get("page") or 1,
        }


class ItemBulkStatusForm(forms.Form):
    """The items ticked on one article's list, and whether to enable or disable them all.

    The items must all be the article's: one id that is not (another article's, another
    owner's, or no item at all) makes the form invalid, so nothing is changed.
    """

    items = IdMultipleChoiceField(
        queryset=StudyItem.objects.none(),
        error_messages={
            "required": _("请先勾选要停用或启用的条目。"),
            "invalid_choice": _("所选条目不属于这篇文章，没有做任何修改。"),
            "invalid_pk_value": _("所选条目不属于这篇文章，没有做任何修改。"),
            "invalid_list": _("所选条目不属于这篇文章，没有做任何修改。"),
        },
    )
    status = forms.ChoiceField(
        choices=[(StudyItem.Status.ACTIVE, ""), (StudyItem.Status.DISABLED, "")],
        error_messages={
            "required": _("请选择停用或启用。"),
            "invalid_choice": _("请选择停用或启用。"),
        },
    )
    next = forms.CharField(required=False, max_length=2000)

    def __init__(self, *args, article, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["items"].queryset = article.items.all()

    def clean_items(self):
        items = self.cleaned_data["items"]
        if any(item.status == StudyItem.Status.RETIRED for item in items):
            raise forms.ValidationError(
                _("已退役的条目不能启用或停用，没有做任何修改。"), code="retired"
            )
        return items

    def next_url(self, request) -> str | None:
        """The list page to return to, if it is on this site (never //elsewhere)."""
        return page_on_this_site(request, str(self.data.get("next") or "")[:2000])

    def error_text(self) -> str:
        """The form's errors as one sentence for a message."""
        return " ".join(str(error) for errors in self.errors.values() for error in errors)
