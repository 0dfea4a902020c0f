"""Signing up, and a learner's study settings."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.utils.translation import gettext_lazy as _

from quizzes.models import LearnerSettings


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


class SignInForm(AuthenticationForm):
    """Django's sign-in form, refusing a username longer than any account's before it is
    checked: Django's form only hints the limit to the browser, and django-axes would record
    the failed sign-in with the whole name in a 255-character column (a 500 on PostgreSQL)."""

    def clean_username(self) -> str:
        username = self.cleaned_data["username"]
        if len(username) > (self.username_field.max_length or 150):
            raise self.get_invalid_login_error()
        return username


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
        fields = [
            "desired_retention",
            "new_per_day",
            "reviews_per_day",
            "time_zone",
            "prefer_choice",
        ]
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
