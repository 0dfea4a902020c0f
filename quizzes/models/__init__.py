"""quizzes' models, split by topic: study items (items.py) and a learner's study (study.py)."""

from quizzes.models.items import Generation, ItemFlag, StudyItem, StudyItemQuerySet, TeacherRequest
from quizzes.models.study import LearnerSettings, ReviewLog, StudyCard, StudySelection

__all__ = [
    "Generation", "ItemFlag", "LearnerSettings", "ReviewLog", "StudyCard", "StudyItem", "StudyItemQuerySet",
    "StudySelection", "TeacherRequest",
]
