"""The quiz app's forms, by topic; every value a view reads from a request goes through one."""

from quizzes.forms.accounts import LearnerSettingsForm, SignInForm, SignUpForm
from quizzes.forms.classrooms import ClassroomForm, JoinForm, MemberForm, RemovedLearnerForm
from quizzes.forms.fields import ArticleQueryForm, TextListField
from quizzes.forms.items import (
    CorrectionForm,
    FlagForm,
    ItemForm,
    ItemStatusForm,
    StatusForm,
)
from quizzes.forms.live import (
    AssignmentQueryForm,
    LiveAnswerForm,
    LiveControlForm,
    LiveForm,
    LiveJoinForm,
    LivePlayerForm,
    LiveStateQueryForm,
    PinQueryForm,
)
from quizzes.forms.practice import AssignmentForm, HandInForm, PracticeTestForm
from quizzes.forms.reports import ClassDashboardForm, DateRangeForm
from quizzes.forms.study import (
    MISTAKES,
    AnswerForm,
    OverrideForm,
    RecitationQueryForm,
    RecitationRatingForm,
    RevealQueryForm,
    ReviewQueryForm,
    SelectionForm,
    SourceForm,
    UndoForm,
)

__all__ = [
    "MISTAKES",
    "AnswerForm",
    "ArticleQueryForm",
    "AssignmentForm",
    "AssignmentQueryForm",
    "ClassDashboardForm",
    "ClassroomForm",
    "CorrectionForm",
    "DateRangeForm",
    "FlagForm",
    "HandInForm",
    "ItemForm",
    "ItemStatusForm",
    "JoinForm",
    "LearnerSettingsForm",
    "LiveAnswerForm",
    "LiveControlForm",
    "LiveForm",
    "LiveJoinForm",
    "LivePlayerForm",
    "LiveStateQueryForm",
    "MemberForm",
    "OverrideForm",
    "PinQueryForm",
    "PracticeTestForm",
    "RecitationQueryForm",
    "RecitationRatingForm",
    "RemovedLearnerForm",
    "RevealQueryForm",
    "ReviewQueryForm",
    "SelectionForm",
    "SignInForm",
    "SignUpForm",
    "SourceForm",
    "StatusForm",
    "TextListField",
    "UndoForm",
]
