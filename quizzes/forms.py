from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import UserCreationForm
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quizzes.generation.items import BLANK
from quizzes.models import ItemFlag, LearnerSettings, StudyItem

BLANK_KINDS = {StudyItem.Kind.CLOZE, StudyItem.Kind.QUOTE, StudyItem.Kind.NUMBER}
CHOICE_KINDS = {StudyItem.Kind.CHOICE, StudyItem.Kind.MULTI}


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
        if kind in BLANK_KINDS and prompt.count(BLANK) != len(answers):
            self.add_error("prompt", _("填空题的空格数（____）要与答案行数一致。"))
        if kind in CHOICE_KINDS:
            if len(options) < 2 or len(set(options)) != len(options):
                self.add_error("options_text", _("选择题至少需要两个互不相同的选项。"))
            elif not set(answers) <= set(options):
                self.add_error("answers_text", _("每个答案都必须是选项之一。"))
            elif kind == StudyItem.Kind.CHOICE and len(answers) != 1:
                self.add_error("answers_text", _("单选题只能有一个答案。"))
        elif options:
            self.add_error("options_text", _("只有单选、多选题有选项。"))
        if kind not in CHOICE_KINDS and any(answer in prompt for answer in answers):
            self.add_error("prompt", _("题面里不能出现答案。"))
        cleaned["answers"], cleaned["options"] = (
            answers,
            (options if kind in CHOICE_KINDS else None),
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


class KindFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("题型"), required=False, choices=[("", _("全部"))] + StudyItem.Kind.choices
    )


class SignUpForm(UserCreationForm):
    """A new account is a learner; it may ask to be a teacher, which an admin confirms."""

    wants_teacher = forms.BooleanField(label=_("我是教师，申请教师权限"), required=False)
    teacher_note = forms.CharField(
        label=_("单位或班级（可选）"),
        required=False,
        max_length=300,
        help_text=_("帮助管理员确认你的教师身份。"),
    )

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ["username"]


def _time_zones() -> list[tuple[str, str]]:
    from zoneinfo import available_timezones

    return [
        (name, name)
        for name in sorted(available_timezones())
        if "/" in name and not name.startswith("Etc/")
    ]


class LearnerSettingsForm(forms.ModelForm):
    time_zone = forms.ChoiceField(label=_("时区"), choices=_time_zones)

    class Meta:
        model = LearnerSettings
        fields = ["desired_retention", "new_per_day", "reviews_per_day", "time_zone"]
        help_texts = {
            "desired_retention": _("0.70 到 0.99：越高复习越频繁，记得越牢。"),
            "new_per_day": _("每天最多学习多少个新条目。"),
            "reviews_per_day": _("每天最多复习多少次。"),
        }

    def clean_desired_retention(self) -> float:
        value = self.cleaned_data["desired_retention"]
        if not 0.7 <= value <= 0.99:
            raise forms.ValidationError(_("请填写 0.70 到 0.99 之间的数。"))
        return value


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


class ClassroomForm(forms.Form):
    name = forms.CharField(label=_("班级名称"), max_length=100)


class JoinForm(forms.Form):
    code = forms.CharField(label=_("加入码"), max_length=20, help_text=_("老师给出的 6 位加入码。"))


class AssignmentForm(PracticeTestForm):
    due_at = forms.DateTimeField(
        label=_("截止时间"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    def clean_due_at(self):
        value = self.cleaned_data["due_at"]
        if value <= timezone.now():
            raise forms.ValidationError(_("截止时间要晚于现在。"))
        return value


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


class DateRangeForm(forms.Form):
    """The teacher dashboard's period; by default the last 30 days."""

    start = forms.DateField(
        label=_("从"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("到"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise forms.ValidationError(_("开始日期不能晚于结束日期。"))
        return data
