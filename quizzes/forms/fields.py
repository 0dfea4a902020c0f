"""Fields the quiz forms share: lists of typed answers, and ids from a query string."""

from django import forms
from django.utils.http import url_has_allowed_host_and_scheme

from corpus.models import Article
from studyapp.converters import MAX_ID

MAX_VALUES, MAX_VALUE_CHARS = 50, 1000


class TextListField(forms.Field):
    """Every value of a repeated field (answer=…&answer=…), as strings, within a sane size."""

    widget = forms.MultipleHiddenInput

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value) -> list[str]:
        if not value:
            return []
        if isinstance(value, str):
            value = [value]
        return [str(item)[:MAX_VALUE_CHARS] for item in value][:MAX_VALUES]


class IdChoiceField(forms.ModelChoiceField):
    """A model chosen by id; an id no database could hold is "not found", not an overflow."""

    def to_python(self, value):
        if value not in self.empty_values:
            try:
                number = int(str(value))
            except ValueError:
                raise forms.ValidationError(self.error_messages["invalid_choice"]) from None
            if not 1 <= number <= MAX_ID:
                raise forms.ValidationError(self.error_messages["invalid_choice"])
        return super().to_python(value)


class IdMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Models chosen by id; an id no database could hold is "not found", not an overflow."""

    def clean(self, value):
        values = value if isinstance(value, list | tuple) else [value]
        for item in values:
            if item in self.empty_values:
                continue
            try:
                number = int(str(item))
            except ValueError:
                number = 0
            if not 1 <= number <= MAX_ID:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": str(item)[:20]},
                )
        return super().clean(value)


def page_on_this_site(request, target: str) -> str | None:
    """`target` if it is a path of this site to return to (/…, never //elsewhere, another host
    or a bare word a redirect would take for a view's name), else None."""
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if target.startswith("/") and allowed else None


class ArticleQueryForm(forms.Form):
    """?article=<id>: the article a new test, assignment or live game is about."""

    article = IdChoiceField(queryset=Article.objects.all(), required=False)

    @classmethod
    def article_in(cls, query, articles) -> Article | None:
        """The article named, among `articles` (those the user may use here), or None (missing,
        malformed, unknown or not theirs): then the page offers a picker."""
        form = cls(query)
        form.fields["article"].queryset = articles
        return form.cleaned_data["article"] if form.is_valid() else None
