from django.urls import path, register_converter

from quizzes.views import (
    classrooms,
    exports,
    items,
    live,
    practice,
    progress,
    recite,
    reports,
    study,
)


class FormatConverter:
    regex = "json|csv|apkg"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(FormatConverter, "fmt")

app_name = "quizzes"

urlpatterns = [
    path("articles/<int:article_id>/items/", items.item_list, name="item_list"),
    path("articles/<int:article_id>/items/new/", items.item_add, name="item_add"),
    path(
        "articles/<int:article_id>/items.<fmt:fmt>", exports.article_export, name="article_export"
    ),
    path(
        "documents/<int:document_id>/items.<fmt:fmt>",
        exports.document_export,
        name="document_export",
    ),
    path(
        "documents/<int:document_id>/generation/", items.generation_status, name="generation_status"
    ),
    path("items/<int:item_id>/", items.item_detail, name="item_detail"),
    path("items/<int:item_id>/answer/", items.item_answer, name="item_answer"),
    path("items/<int:item_id>/edit/", items.item_edit, name="item_edit"),
    path("items/<int:item_id>/status/", items.item_status, name="item_status"),
    path("items/<int:item_id>/flag/", items.item_flag, name="item_flag"),
    path("study/", study.study_home, name="study_home"),
    path("study/choose/", study.study_choose, name="study_choose"),
    path("study/settings/", study.study_settings, name="study_settings"),
    path("study/review/", study.study_review, name="study_review"),
    path("study/review/<int:item_id>/reveal/", study.study_reveal, name="study_reveal"),
    path("study/review/<int:item_id>/", study.study_answer, name="study_answer"),
    path("study/undo/", study.study_undo, name="study_undo"),
    path("study/reviews/<int:review_id>/rating/", study.study_override, name="study_override"),
    path("study/mistakes/", study.study_mistakes, name="study_mistakes"),
    path("study/tests/", practice.practice_list, name="practice_list"),
    path("study/tests/new/", practice.practice_new, name="practice_new"),
    path("study/tests/<int:test_id>/", practice.practice_detail, name="practice_detail"),
    path("study/tests/<int:test_id>/retake/", practice.practice_retake, name="practice_retake"),
    path("study/articles/<int:article_id>/recite/", recite.recite, name="recite"),
    path("study/articles/<int:article_id>/recite/rate/", recite.recite_rate, name="recite_rate"),
    path("classes/", classrooms.class_list, name="class_list"),
    path("classes/new/", classrooms.class_create, name="class_create"),
    path("classes/join/", classrooms.class_join, name="class_join"),
    path("classes/<int:class_id>/", classrooms.class_detail, name="class_detail"),
    path("classes/<int:class_id>/dashboard/", reports.class_dashboard, name="class_dashboard"),
    path(
        "classes/<int:class_id>/learners/<int:user_id>/",
        reports.class_learner,
        name="class_learner",
    ),
    path("classes/<int:class_id>/update/", classrooms.class_update, name="class_update"),
    path(
        "classes/<int:class_id>/assignments/new/", classrooms.assignment_new, name="assignment_new"
    ),
    path(
        "assignments/<int:assignment_id>/", classrooms.assignment_detail, name="assignment_detail"
    ),
    path(
        "assignments/<int:assignment_id>/results.csv",
        classrooms.assignment_csv,
        name="assignment_csv",
    ),
    path(
        "assignments/<int:assignment_id>/take/", classrooms.assignment_take, name="assignment_take"
    ),
    path("live/new/", live.live_new, name="live_new"),
    path("live/<int:live_id>/host/", live.live_host, name="live_host"),
    path("live/<int:live_id>/host/counts/", live.live_host_counts, name="live_host_counts"),
    path("live/<int:live_id>/host/control/", live.live_host_control, name="live_host_control"),
    path("live/<int:live_id>/results.csv", live.live_results_csv, name="live_results_csv"),
    path("live/<int:live_id>/play/", live.live_play, name="live_play"),
    path("live/<int:live_id>/play/state/", live.live_play_state, name="live_play_state"),
    path("live/<int:live_id>/play/answer/", live.live_play_answer, name="live_play_answer"),
    path(
        "study/tests/section/<int:section_id>/", practice.practice_section, name="practice_section"
    ),
    path("progress/", progress.progress_home, name="progress"),
    path("flags/", items.flag_list, name="flag_list"),
    path("flags/<int:flag_id>/resolve/", items.flag_resolve, name="flag_resolve"),
]
