"""Self-study: the articles a learner studies, one answer, a rating, and the review page's query."""

from django import forms
from django.utils.translation import gettext_lazy as _

from corpus.models import Article
from quizzes import scheduling
from quizzes.forms.fields import MAX_ID, IdMultipleChoiceField, TextListField
from quizzes.recitation import LEVELS

MISTAKES = "mistakes"  # the mistake book's review loop, as the `source` of a card
RATING_CHOICES = [(r, r) for r in scheduling.RATINGS]


class SourceField(forms.ChoiceField):
    """Which review loop a card came from: the day's cards, or the mistake book."""

    def __init__(self, **kwargs) -> None:
        super().__init__(choices=[("", ""), (MISTAKES, MISTAKES)], required=False, **kwargs)


class SelectionForm(forms.Form):
    articles = IdMultipleChoiceField(
        label=_("要学习的文章"),
        queryset=Article.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["articles"].queryset = Article.objects.visible_to(user).select_related(
            "document"
        )


class AnswerForm(forms.Form):
    """One answer to a card: typed inputs or chosen options, or a flashcard's rating."""

    token = forms.CharField(max_length=64)
    shown_at = forms.IntegerField(required=False, min_value=0, max_value=2**53)
    rating = forms.TypedChoiceField(choices=RATING_CHOICES, coerce=int, required=False)
    hint_used = forms.BooleanField(required=False)
    source = SourceField()
    answer = TextListField()
    option = TextListField()
    # 不会: an empty answer on purpose. Without it, an empty submit (Enter in an empty input)
    # is asked again rather than counted wrong.
    give_up = forms.BooleanField(required=False)

    def is_empty(self) -> bool:
        data = self.cleaned_data
        return not any(value.strip() for value in data["answer"] + data["option"])


class OverrideForm(forms.Form):
    rating = forms.TypedChoiceField(choices=RATING_CHOICES, coerce=int)
    source = SourceField()


class UndoForm(forms.Form):
    """Undo names the answer it takes back (the feedback's review), so it takes it back once."""

    review = forms.IntegerField(min_value=1, max_value=MAX_ID)
    source = SourceField()


class SourceForm(forms.Form):
    """Pages of the review loop that only need to know which loop they are in."""

    source = SourceField()

    @classmethod
    def source_in(cls, data) -> str:
        form = cls(data)
        return form.cleaned_data["source"] if form.is_valid() else ""


class ReviewQueryForm(SourceForm):
    """/study/review/?source=&last=<review id>: the loop, and the answer to show feedback for."""

    last = forms.IntegerField(required=False, min_value=1, max_value=MAX_ID)


class RevealQueryForm(SourceForm):
    """A flashcard's back: the answer's token and when its front was shown travel with it."""

    token = forms.CharField(required=False, max_length=64)
    shown_at = forms.IntegerField(required=False, min_value=0, max_value=2**53)


class RecitationQueryForm(forms.Form):
    """?level=&show=: which layer of the outline is hidden, and which group is revealed."""

    level = forms.TypedChoiceField(
        required=False, choices=[(level, level) for level in LEVELS], coerce=int, empty_value=None
    )
    show = forms.IntegerField(required=False, min_value=0, max_value=MAX_ID)

    def value(self, name: str):
        return self.cleaned_data.get(name) if self.is_valid() else None


class RecitationRatingForm(forms.Form):
    level = forms.TypedChoiceField(choices=[(level, level) for level in LEVELS], coerce=int)
    group = forms.IntegerField(min_value=0, max_value=MAX_ID)
    rating = forms.TypedChoiceField(choices=RATING_CHOICES, coerce=int)
    token = forms.CharField(max_length=32)
