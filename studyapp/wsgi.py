import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "studyapp.settings")
application = get_wsgi_application()

# The imports below need the settings above.
from django.conf import settings  # noqa: E402
from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage  # noqa: E402
from django.core.exceptions import ImproperlyConfigured  # noqa: E402

from quizzes import grading  # noqa: E402

# With DEBUG off every page links its CSS and scripts by the hashed names that collectstatic
# lists in its manifest; without one every page would fail, so the server refuses to start.
if isinstance(staticfiles_storage, ManifestFilesMixin) and not staticfiles_storage.hashed_files:
    raise ImproperlyConfigured(
        f"No collected static files in {settings.STATIC_ROOT}: run "
        "`manage.py collectstatic --no-input` before starting the server (`make serve` does)."
    )

# A served worker loads the grading dictionaries as it starts, not on its first typed answer.
grading.warm_up()
