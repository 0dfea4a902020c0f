from django.urls import path, register_converter

import studyapp.converters  # noqa: F401 (registers the <id:> path converter)
from quizzes.views import (
    classrooms,
    exports,
    items,
    live,
    outline,
    practice,
    progress,
    recitation,
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
    path("articles/<id:article_id>/items/", items.item_list, name="item_list"),
    path("articles/<id:article_id>/items/new/", items.item_add, name="item_add"),
    path("articles/<id:article_id>/items/status/", items.item_bulk_status, name="item_bulk_status"),
    path("articles/<id:article_id>/items.<fmt:fmt>", exports.article_export, name="article_export"),
    path(
        "documents/<id:document_id>/items.<fmt:fmt>",
        exports.document_export,
        name="document_export",
    ),
    path(
        "documents/<id:document_id>/generation/", items.generation_status, name="generation_status"
    ),
    path(
        "documents/<id:document_id>/generation/restart/",
        items.generation_restart,
        name="generation_restart",
    ),
    path("documents/<id:document_id>/outline/", outline.document_outline, name="document_outline"),
    path("documents/<id:document_id>/delete/", outline.document_delete, name="document_delete"),
    path(
        "documents/<id:document_id>/visibility/",
        outline.document_visibility,
        name="document_visibility",
    ),
    path(
        "documents/<id:document_id>/outline/correct/",
        outline.document_outline_correct,
        name="document_outline_correct",
    ),
    path("items/<id:item_id>/", items.item_detail, name="item_detail"),
    path("items/<id:item_id>/answer/", items.item_answer, name="item_answer"),
    path("items/<id:item_id>/edit/", items.item_edit, name="item_edit"),
    path("items/<id:item_id>/status/", items.item_status, name="item_status"),
    path("items/<id:item_id>/flag/", items.item_flag, name="item_flag"),
    path("study/", study.study_home, name="study_home"),
    path("study/choose/", study.study_choose, name="study_choose"),
    path("study/add/<id:article_id>/", study.study_add, name="study_add"),
    path("study/settings/", study.study_settings, name="study_settings"),
    path("study/review/", study.study_review, name="study_review"),
    path("study/review/<id:item_id>/reveal/", study.study_reveal, name="study_reveal"),
    path("study/review/<id:item_id>/", study.study_answer, name="study_answer"),
    path("study/undo/", study.study_undo, name="study_undo"),
    path("study/reviews/<id:review_id>/rating/", study.study_override, name="study_override"),
    path("study/mistakes/", study.study_mistakes, name="study_mistakes"),
    path("study/tests/", practice.practice_list, name="practice_list"),
    path("study/tests/new/", practice.practice_new, name="practice_new"),
    path("study/tests/<id:test_id>/", practice.practice_detail, name="practice_detail"),
    path("study/tests/<id:test_id>/retake/", practice.practice_retake, name="practice_retake"),
    path("study/articles/<id:article_id>/recite/", recitation.recite, name="recite"),
    path("study/articles/<id:article_id>/recite/rate/", recitation.recite_rate, name="recite_rate"),
    path("classes/", classrooms.class_list, name="class_list"),
    path("classes/new/", classrooms.class_create, name="class_create"),
    path("classes/join/", classrooms.class_join, name="class_join"),
    path("classes/<id:class_id>/", classrooms.class_detail, name="class_detail"),
    path("classes/<id:class_id>/dashboard/", reports.class_dashboard, name="class_dashboard"),
    path(
        "classes/<id:class_id>/learners/<id:user_id>/",
        reports.class_learner,
        name="class_learner",
    ),
    path("classes/<id:class_id>/rename/", classrooms.class_rename, name="class_rename"),
    path("classes/<id:class_id>/archive/", classrooms.class_archive, name="class_archive"),
    path("classes/<id:class_id>/restore/", classrooms.class_restore, name="class_restore"),
    path(
        "classes/<id:class_id>/remove/", classrooms.class_member_remove, name="class_member_remove"
    ),
    path(
        "classes/<id:class_id>/readmit/",
        classrooms.class_member_readmit,
        name="class_member_readmit",
    ),
    path("classes/<id:class_id>/code/", classrooms.class_code_renew, name="class_code_renew"),
    path(
        "classes/<id:class_id>/assignments/new/", classrooms.assignment_new, name="assignment_new"
    ),
    path("assignments/<id:assignment_id>/", classrooms.assignment_detail, name="assignment_detail"),
    path(
        "assignments/<id:assignment_id>/results.csv",
        classrooms.assignment_csv,
        name="assignment_csv",
    ),
    path(
        "assignments/<id:assignment_id>/take/", classrooms.assignment_take, name="assignment_take"
    ),
    path("live/new/", live.live_new, name="live_new"),
    path("live/<id:live_id>/host/", live.live_host, name="live_host"),
    path("live/<id:live_id>/host/counts/", live.live_host_counts, name="live_host_counts"),
    path("live/<id:live_id>/host/control/", live.live_host_control, name="live_host_control"),
    path("live/<id:live_id>/host/remove/", live.live_player_remove, name="live_player_remove"),
    path("live/<id:live_id>/results.csv", live.live_results_csv, name="live_results_csv"),
    path("live/<id:live_id>/play/", live.live_play, name="live_play"),
    path("live/<id:live_id>/play/state/", live.live_play_state, name="live_play_state"),
    path("live/<id:live_id>/play/answer/", live.live_play_answer, name="live_play_answer"),
    path(
        "study/tests/section/<id:section_id>/", practice.practice_section, name="practice_section"
    ),
    path("progress/", progress.progress_home, name="progress"),
    path("flags/", items.flag_list, name="flag_list"),
    path("flags/<id:flag_id>/resolve/", items.flag_resolve, name="flag_resolve"),
]
