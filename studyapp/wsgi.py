import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "studyapp.settings")
application = get_wsgi_application()

# A served worker loads the grading dictionaries as it starts, not on its first typed answer.
from quizzes import grading  # noqa: E402 (needs the settings above)

grading.warm_up()
