"""How an item is asked in each mode: one fact, typed or chosen.

An item is one fact to learn (a blank in a sentence, a list, a heading's points, a
definition). A blank fact with options (StudyItem.can_be_choice) can be asked typed or as a
single choice; every other item is asked as its kind says. Self-study, practice tests,
assignments and live games all go through `asked`, so what is shown and how it is graded
agree: the item's `is_choice`, `input_slots`, `first_hint` and `grade` follow the way it is
asked.

    asked(item, ASK_CHOICE)    # shown with its options, graded on the option chosen
    asked(item, ASK_TYPED)     # shown with inputs, graded on what is typed
"""

from quizzes.models import LearnerSettings, StudyItem

ASK_TYPED = StudyItem.Asked.TYPED
ASK_CHOICE = StudyItem.Asked.CHOICE


def asked(item: StudyItem, way: str = ASK_TYPED) -> StudyItem:
    """The item as it is asked `way` (ASK_TYPED or ASK_CHOICE): the same object, marked.

    A choice is asked only of a fact that can be chosen; any other item is asked as its kind
    says, whatever `way` is (a multiple choice stays a choice, a list stays typed)."""
    item.asked_as = ASK_CHOICE if way == ASK_CHOICE and item.can_be_choice else ASK_TYPED
    return item


def way_for_learner(item: StudyItem, options: LearnerSettings) -> str:
    """Self-study: typed by default, as a choice where the learner prefers it."""
    return ASK_CHOICE if options.prefer_choice and item.can_be_choice else ASK_TYPED


def asked_for_learner(item: StudyItem, options: LearnerSettings) -> StudyItem:
    return asked(item, way_for_learner(item, options))


def ways_for_kinds(kind: str, kinds) -> list[str]:
    """The ways a test on `kinds` (StudyItem.Kind values) may ask an item of `kind`: typed if
    its kind was asked for, as a choice if single choices were (and it can be one)."""
    ways = []
    if kind in kinds:
        ways.append(ASK_TYPED)
    if StudyItem.Kind.CHOICE in kinds and kind in StudyItem.BLANK_KINDS:
        ways.append(ASK_CHOICE)
    return ways
