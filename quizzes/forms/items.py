"""A teacher's edits of items, a learner's flags, and the item list's filter."""

from django import forms
from django.utils.translation import gettext_lazy as _

from corpus import corrections
from quizzes.forms.fields import page_on_this_site
from quizzes.generation.items import BLANK
from quizzes.models import ItemFlag, StudyItem


def _lines(value: str) -> list[str]:
    return [line.strip() for line in value.splitlines() if line.strip()]


class ItemForm(forms.ModelForm):
    """A teacher's edit of an item, or a new one; answers and options one per line."""

    answers_text = forms.CharField(
        label=_("答案"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("每行一个；填空题按空格顺序。"),
    )
    options_text = forms.CharField(
        label=_("选项"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("单选、多选题每行一个选项。"),
    )

    class Meta:
        model = StudyItem
        fields = ["kind", "prompt", "source", "status"]
        widgets = {
            "prompt": forms.Textarea(attrs={"rows": 3}),
            "source": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"prompt": _("填空处写作 ____（四个下划线），每个空对应一行答案。")}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Django's own blank choice ("- Select an option -") has no Chinese yet: say it here.
        self.fields["kind"].choices = [("", _("请选择题型")), *StudyItem.Kind.choices]
        self.fields["status"].choices = [
            (value, label)
            for value, label in StudyItem.Status.choices
            if value != StudyItem.Status.RETIRED
        ]
        if self.instance.pk:
            self.initial["answers_text"] = "\n".join(self.instance.answers)
            self.initial["options_text"] = "\n".join(self.instance.options or [])

    def clean(self) -> dict:
        cleaned = super().clean()
        kind, prompt = cleaned.get("kind"), cleaned.get("prompt") or ""
        answers, options = (
            _lines(cleaned.get("answers_text") or ""),
            _lines(cleaned.get("options_text") or ""),
        )
        if not answers:
            self.add_error("answers_text", _("至少需要一个答案。"))
        if kind in StudyItem.BLANK_KINDS and prompt.count(BLANK) != len(answers):
            self.add_error("prompt", _("填空题的空格数（____）要与答案行数一致。"))
        if kind in StudyItem.CHOICE_KINDS:
            if len(options) < 2 or len(set(options)) != len(options):
                self.add_error("options_text", _("选择题至少需要两个互不相同的选项。"))
            elif not set(answers) <= set(options):
                self.add_error("answers_text", _("每个答案都必须是选项之一。"))
            elif kind == StudyItem.Kind.CHOICE and len(answers) != 1:
                self.add_error("answers_text", _("单选题只能有一个答案。"))
        elif options:
            self.add_error("options_text", _("只有单选、多选题有选项。"))
        if kind not in StudyItem.CHOICE_KINDS and any(answer in prompt for answer in answers):
            self.add_error("prompt", _("题面里不能出现答案。"))
        cleaned["answers"], cleaned["options"] = (
            answers,
            (options if kind in StudyItem.CHOICE_KINDS else None),
        )
        return cleaned

    def save(self, commit: bool = True) -> StudyItem:
        item = super().save(commit=False)
        item.answers, item.options = self.cleaned_data["answers"], self.cleaned_data["options"]
        if commit:
            item.save()
        return item


class FlagForm(forms.ModelForm):
    # No blank choice: a learner must pick a reason (the browser enforces it too).
    reason = forms.ChoiceField(
        label=_("原因"), choices=ItemFlag.Reason.choices, widget=forms.RadioSelect
    )

    class Meta:
        model = ItemFlag
        fields = ["reason", "comment"]
        widgets = {"reason": forms.RadioSelect}


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        choices=[(StudyItem.Status.ACTIVE, ""), (StudyItem.Status.DISABLED, "")]
    )


class ItemStatusForm(StatusForm):
    """The list's enable/disable buttons, which come back to the page they were pressed on."""

    next = forms.CharField(required=False, max_length=2000)

    def next_url(self, request) -> str | None:
        """The page to return to, if it is on this site (never //elsewhere or another host)."""
        return page_on_this_site(request, self.cleaned_data.get("next") or "")


class CorrectionForm(forms.Form):
    """One correction of a document's outline (corpus.corrections): what to do to which line."""

    op = forms.ChoiceField(choices=[(op, op) for op in corrections.OPERATIONS])
    text = forms.CharField(max_length=20000, strip=True)
    level = forms.TypedChoiceField(
        label=_("层级"),
        choices=[(n, _("%(n)d 级标题") % {"n": n}) for n in range(1, corrections.MAX_LEVEL + 1)],
        coerce=int,
        required=False,
        empty_value=None,
    )

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("op") == "heading" and cleaned.get("level") is None:
            raise forms.ValidationError(_("请选择标题层级。"), code="level")
        return cleaned

    def correction(self) -> dict:
        data = self.cleaned_data
        correction = {"op": data["op"], "text": data["text"]}
        return correction | ({"level": data["level"]} if data["op"] == "heading" else {})
