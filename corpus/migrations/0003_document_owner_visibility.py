import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def publish_existing(apps, schema_editor):
    """Documents imported before owners and visibility stay where everyone reads them."""
    Document = apps.get_model("corpus", "Document")
    Document.objects.update(visibility="published")


class Migration(migrations.Migration):
    dependencies = [
        ("corpus", "0002_import_files_outline_levels_corrections"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameField("document", "imported_by", "owner"),
        migrations.AlterField(
            model_name="document",
            name="owner",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="documents",
                to=settings.AUTH_USER_MODEL,
                verbose_name="所有者",
            ),
        ),
        migrations.AddField(
            model_name="document",
            name="visibility",
            field=models.CharField(
                choices=[("private", "仅自己"), ("classes", "我的班级"), ("published", "所有人")],
                default="private",
                max_length=10,
                verbose_name="可见范围",
            ),
        ),
        migrations.RunPython(publish_existing, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="document",
            name="sha256",
            field=models.CharField(db_index=True, max_length=64, verbose_name="散列"),
        ),
        migrations.AddConstraint(
            model_name="document",
            constraint=models.UniqueConstraint(
                fields=("owner", "sha256"), name="document_text_per_owner"
            ),
        ),
        migrations.AddConstraint(
            model_name="document",
            constraint=models.UniqueConstraint(
                condition=models.Q(owner__isnull=True),
                fields=("sha256",),
                name="document_text_unowned",
            ),
        ),
        migrations.AlterModelOptions(
            name="document",
            options={
                "ordering": ["-created_at", "-id"],
                "permissions": [("publish_document", "可与班级共享或向所有人发布文档")],
                "verbose_name": "文档",
                "verbose_name_plural": "文档",
            },
        ),
    ]
