"""quizzes' models, split by topic: study items (items.py), a learner's study (study.py),
practice tests (practice.py), classes (classrooms.py) and live quizzes (live.py)."""

from quizzes.models.classrooms import (
    Assignment,
    ClassJoinAttempt,
    Classroom,
    Membership,
    Removal,
)
from quizzes.models.items import (
    Generation,
    ItemFlag,
    SignUp,
    StudyItem,
    StudyItemQuerySet,
    TeacherRequest,
)
from quizzes.models.live import LiveAnswer, LiveDelivery, LiveJoinAttempt, LivePlayer, LiveSession
from quizzes.models.live import new_pin as new_live_pin
from quizzes.models.practice import PracticeAnswer, PracticeTest
from quizzes.models.study import LearnerSettings, ReviewLog, StudyCard, StudySelection

__all__ = [
    "Assignment",
    "ClassJoinAttempt",
    "Classroom",
    "Generation",
    "ItemFlag",
    "LearnerSettings",
    "LiveAnswer",
    "LiveDelivery",
    "LiveJoinAttempt",
    "LivePlayer",
    "LiveSession",
    "Membership",
    "PracticeAnswer",
    "PracticeTest",
    "Removal",
    "ReviewLog",
    "SignUp",
    "StudyCard",
    "StudyItem",
    "StudyItemQuerySet",
    "StudySelection",
    "TeacherRequest",
    "new_live_pin",
]
