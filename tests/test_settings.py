"""Settings come from the environment; a malformed value stops start-up with a message naming it."""

import os
import subprocess
import sys

import pytest
from django.db import connection

from tests.conftest import REPO


def start_django(**env: str) -> subprocess.CompletedProcess:
    environment = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG", "SECRET_KEY"}
    }
    environment |= {"DJANGO_SETTINGS_MODULE": "studyapp.settings", **env}
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); print('started')"],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_it_starts_with_no_variables_set():
    result = start_django()
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DEBUG": "maybe"}, "DEBUG='maybe' is not a boolean"),
        ({"DEBUG": "0"}, "SECRET_KEY must be set when DEBUG is off"),
        ({"DATABASE_URL": "nosuchdb://x/y"}, "DATABASE_URL"),
        ({"ALLOWED_HOSTS": "a.example,,b.example"}, "ALLOWED_HOSTS"),
        ({"IMPORT_MAX_BYTES": "five"}, "IMPORT_MAX_BYTES='five' is not a whole number"),
        ({"CSRF_TRUSTED_ORIGINS": "example.com"}, "must start with http:// or https://"),
    ],
)
def test_it_refuses_to_start_on_a_malformed_value(env, message):
    result = start_django(**env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


@pytest.mark.django_db
def test_it_runs_sqlite_in_wal_mode_with_full_sync():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite settings")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
        cursor.execute("PRAGMA synchronous")
        assert cursor.fetchone()[0] == 2  # FULL
    assert connection.transaction_mode == "IMMEDIATE"
    assert connection.settings_dict["NAME"] != ":memory:"
