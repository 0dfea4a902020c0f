"""quizzes' models, split by topic: study items (items.py), a learner's study (study.py),
practice tests (practice.py) and classes (classrooms.py)."""

from quizzes.models.classrooms import Assignment, Classroom, Membership
from quizzes.models.items import Generation, ItemFlag, StudyItem, StudyItemQuerySet, TeacherRequest
from quizzes.models.practice import PracticeAnswer, PracticeTest
from quizzes.models.study import LearnerSettings, ReviewLog, StudyCard, StudySelection

__all__ = [
    "Assignment", "Classroom", "Generation", "ItemFlag", "LearnerSettings", "Membership", "PracticeAnswer",
    "PracticeTest", "ReviewLog", "StudyCard", "StudyItem", "StudyItemQuerySet", "StudySelection", "TeacherRequest",
]
