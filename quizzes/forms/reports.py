"""The teacher's dashboard: its period, sort order, page and downloads."""

from django import forms
from django.utils.translation import gettext_lazy as _


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


class ClassDashboardForm(DateRangeForm):
    """Everything the class dashboard reads from its query string; a bad value falls back."""

    sort = forms.CharField(required=False, max_length=20)
    page = forms.IntegerField(required=False, min_value=1, max_value=100_000)
    items = forms.ChoiceField(required=False, choices=[("", ""), ("all", "all")])
    download = forms.ChoiceField(
        required=False, choices=[("", "")] + [(t, t) for t in ("learners", "items", "sections")]
    )

    def value(self, name: str, default=None):
        """A field's cleaned value, or the default when it is missing or invalid."""
        if not self.is_valid() and name in self.errors:
            return default
        return self.cleaned_data.get(name) or default
