"""Live quizzes: a new game, joining it from a phone, answering, and the projector's controls."""

from django import forms
from django.utils.translation import gettext_lazy as _

from quizzes.forms.fields import MAX_ID, IdChoiceField, TextListField
from quizzes.models import Assignment
from quizzes.nicknames import nickname_key, nickname_shown


class LiveForm(forms.Form):
    """A new live quiz: from an article (number of questions, kinds) or from an assignment's questions."""

    size = forms.IntegerField(label=_("题数"), min_value=1, max_value=30, initial=10)
    kinds = forms.MultipleChoiceField(label=_("题型"), widget=forms.CheckboxSelectMultiple)
    seconds = forms.IntegerField(label=_("每题秒数"), min_value=10, max_value=120, initial=20)
    speed_scoring = forms.BooleanField(
        label=_("答得快得分高"),
        required=False,
        initial=True,
        help_text=_("不选则只看对错：答对一律 1000 分。"),
    )
    streak_bonus = forms.BooleanField(
        label=_("连对加分"), required=False, help_text=_("连续答对每题多加 100 分，最多 500 分。")
    )

    def __init__(self, *args, kinds, from_assignment: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if from_assignment:  # the assignment fixes the questions
            del self.fields["size"], self.fields["kinds"]
        else:
            self.fields["kinds"].choices = [(kind.value, kind.label) for kind in kinds]
            self.fields["kinds"].initial = [kind.value for kind in kinds]


class LiveJoinForm(forms.Form):
    pin = forms.RegexField(
        label=_("PIN"),
        regex=r"^\s*\d{6}\s*$",
        max_length=12,
        error_messages={"invalid": _("PIN 是 6 位数字。")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    nickname = forms.CharField(
        label=_("昵称"),
        max_length=20,
        strip=True,
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )

    def clean_nickname(self) -> str:
        """What the projector will show: without invisible characters, spaces collapsed."""
        nickname = nickname_shown(self.cleaned_data["nickname"])
        if not nickname_key(nickname):
            raise forms.ValidationError(_("请填写一个看得见的昵称。"))
        return nickname


class PinQueryForm(forms.Form):
    """/join?pin=: the PIN a QR code or a link fills in."""

    pin = forms.CharField(required=False, max_length=6)


class LiveStateQueryForm(forms.Form):
    """The version of the game a phone shows, sent with each poll."""

    v = forms.IntegerField(required=False, min_value=0, max_value=MAX_ID)


class LiveAnswerForm(forms.Form):
    index = forms.IntegerField(min_value=0, max_value=1000)
    answer = TextListField()
    option = TextListField()


class LiveControlForm(forms.Form):
    """The teacher's next step for the game."""

    action = forms.ChoiceField(
        choices=[(step, step) for step in ("start", "results", "next", "end")]
    )


class LivePlayerForm(forms.Form):
    player = forms.IntegerField(min_value=1, max_value=MAX_ID)


class AssignmentQueryForm(forms.Form):
    """?assignment=<id>: one of the teacher's own assignments, whose questions the game asks."""

    assignment = IdChoiceField(queryset=Assignment.objects.none(), required=False)

    def __init__(self, *args, teacher, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignment"].queryset = Assignment.objects.filter(
            classroom__teacher=teacher
        ).select_related("article")
