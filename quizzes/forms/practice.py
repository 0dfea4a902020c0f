"""Practice tests and assignments: what a new one asks, and the answers a test hands in."""

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quizzes.forms.fields import TextListField

DEFAULT_DAYS = 7  # a new assignment is due a week from today unless the teacher says otherwise


class PracticeTestForm(forms.Form):
    """A new practice test on one article: where from, how many questions, which kinds, how long."""

    section = forms.ModelChoiceField(
        label=_("范围"),
        queryset=None,
        required=False,
        empty_label=_("全文"),
    )
    size = forms.IntegerField(label=_("题数"), min_value=1, max_value=50, initial=10)
    kinds = forms.MultipleChoiceField(label=_("题型"), widget=forms.CheckboxSelectMultiple)
    time_limit = forms.IntegerField(
        label=_("限时（分钟）"),
        min_value=1,
        max_value=180,
        required=False,
        help_text=_("留空表示不限时。"),
    )

    def __init__(self, *args, article, kinds, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = article.sections.exclude(heading="")
        # Subheadings indented under their heading, as in the outline.
        self.fields["section"].label_from_instance = lambda section: (
            "　" * (section.level - 1) + section.heading
        )
        self.fields["kinds"].choices = [(kind.value, kind.label) for kind in kinds]
        self.fields["kinds"].initial = [kind.value for kind in kinds]


class AssignmentForm(PracticeTestForm):
    due_at = forms.DateTimeField(
        label=_("截止时间"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    # The draw of questions the preview showed, so that setting it fixes those very questions.
    seed = forms.IntegerField(
        required=False, min_value=0, max_value=2**31 - 1, widget=forms.HiddenInput
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # A week from today, at the end of the evening: the usual deadline of homework.
        week = timezone.localtime() + timedelta(days=DEFAULT_DAYS)
        self.fields["due_at"].initial = week.replace(hour=22, minute=0, second=0, microsecond=0)

    def clean_due_at(self):
        value = self.cleaned_data["due_at"]
        if value <= timezone.now():
            raise forms.ValidationError(_("截止时间要晚于现在。"))
        return value


class HandInForm(forms.Form):
    """A handed-in test: q3-answer (typed, one per blank) and q3-option (chosen) per question."""

    def __init__(self, *args, positions: list[int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.positions = positions
        for position in positions:
            self.fields[f"q{position}-answer"] = TextListField()
            self.fields[f"q{position}-option"] = TextListField()

    def responses(self) -> dict[int, tuple[list[str], list[str]]]:
        data = self.cleaned_data
        return {n: (data[f"q{n}-answer"], data[f"q{n}-option"]) for n in self.positions}
