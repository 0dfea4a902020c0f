"""Classes: a teacher's new class or its new name, and a learner's join code."""

from django import forms
from django.utils.translation import gettext_lazy as _

from studyapp.converters import MAX_ID


class ClassroomForm(forms.Form):
    name = forms.CharField(label=_("班级名称"), max_length=100)


class JoinForm(forms.Form):
    code = forms.CharField(label=_("加入码"), max_length=20, help_text=_("老师给出的 6 位加入码。"))


class MemberForm(forms.Form):
    """Which membership of the class a teacher removes."""

    member = forms.IntegerField(min_value=1, max_value=MAX_ID)


class RemovedLearnerForm(forms.Form):
    """Which removed learner a teacher lets back into the class (by their account)."""

    user = forms.IntegerField(min_value=1, max_value=MAX_ID)
