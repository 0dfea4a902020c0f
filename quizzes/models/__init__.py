"""quizzes' models, split by topic: study items (items.py), a learner's study (study.py) and practice tests (practice.py)."""

from quizzes.models.items import Generation, ItemFlag, StudyItem, StudyItemQuerySet, TeacherRequest
from quizzes.models.practice import PracticeAnswer, PracticeTest
from quizzes.models.study import LearnerSettings, ReviewLog, StudyCard, StudySelection

__all__ = [
    "Generation", "ItemFlag", "LearnerSettings", "PracticeAnswer", "PracticeTest", "ReviewLog", "StudyCard", "StudyItem", "StudyItemQuerySet",
    "StudySelection", "TeacherRequest",
]
