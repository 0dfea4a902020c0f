from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from corpus.importing import document_import, document_preview
from corpus.models import Document
from quizzes.demo import DEMO_CLASS, demo_class_build
from quizzes.roles import LEARNER, TEACHER, grant_role

DEMO_DIR = Path(settings.BASE_DIR) / "corpus" / "demo"

# The demo accounts named in the README.
DEMO_ACCOUNTS = [
    ("teacher", "xueer-teacher", TEACHER),
    ("learner", "xueer-learner", LEARNER),
]


class Command(BaseCommand):
    help = (
        "Load the demo pages and create the demo accounts; safe to run again (keeps existing data)."
    )

    def handle(self, *args, **options) -> None:
        User = get_user_model()
        for username, password, role in DEMO_ACCOUNTS:
            with transaction.atomic():
                user, created = User.objects.get_or_create(username=username)
                if created:
                    user.set_password(password)
                    user.save()
                grant_role(user, role)
            self.stdout.write(f"account {username}: {'created' if created else 'kept'}")
        teacher, learner = (
            User.objects.get(username=name) for name, _password, _role in DEMO_ACCOUNTS
        )
        # The demo texts are the demo teacher's, published: the teacher corrects and edits them.
        for path in sorted(DEMO_DIR.glob("*.md")):
            if path.name.lower() == "readme.md":
                continue
            result = document_import(
                preview=document_preview(data=path.read_bytes(), user=teacher),
                filename=path.name,
                user=teacher,
                visibility=Document.Visibility.PUBLISHED,
            )
            state = "loaded" if result.created else "already there"
            self.stdout.write(f"{path.name}: {state}")
        classroom = demo_class_build(teacher, learner, now=timezone.now())
        self.stdout.write(
            f"class {DEMO_CLASS}: {'created, with three weeks of answers' if classroom else 'kept'}"
        )
