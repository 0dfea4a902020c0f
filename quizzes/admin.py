from django.contrib import admin
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from quizzes.models import ItemFlag, StudyItem, TeacherRequest


@admin.register(StudyItem)
class StudyItemAdmin(admin.ModelAdmin):
    list_display = ["prompt", "kind", "status", "origin", "article"]
    list_filter = ["kind", "status", "origin"]
    list_select_related = ["article"]
    search_fields = ["prompt", "source"]


@admin.register(ItemFlag)
class ItemFlagAdmin(admin.ModelAdmin):
    list_display = ["item", "reason", "user", "created_at", "resolved_at"]
    list_filter = ["reason"]
    list_select_related = ["item", "user"]


@admin.register(TeacherRequest)
class TeacherRequestAdmin(admin.ModelAdmin):
    list_display = ["user", "note", "created_at", "approved_at"]
    list_select_related = ["user"]
    actions = ["approve"]

    @admin.action(description=gettext_lazy("批准为教师"))
    def approve(self, request, queryset) -> None:
        pending = queryset.filter(approved_at__isnull=True).select_related("user")
        for teacher_request in pending:
            teacher_request.approve()
        self.message_user(request, _("已批准 %(count)d 位教师。") % {"count": len(pending)})
