"""The production path: settings from the environment, private pages, idle sessions, client
addresses behind a proxy, and `make serve`'s server started for real (scripts/serve)."""

import http.cookiejar
import json
import os
import re
import secrets
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.http import HttpResponse
from django.test import RequestFactory, override_settings
from django.urls import reverse

from studyapp.clientip import client_address
from studyapp.privacy import LAST_SEEN_KEY, PrivatePagesMiddleware
from tests.conftest import REPO

# Variables a developer's shell may hold that would change what these tests see.
_SETTINGS_VARIABLES = {
    "DATABASE_URL",
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "SECURE_COOKIES",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "TRUSTED_PROXIES",
    "SESSION_COOKIE_AGE",
    "SESSION_IDLE_MINUTES",
    "TASKS_BACKEND",
    "XUEER_VAR_DIR",
}
PRODUCTION = {"DEBUG": "0", "SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "xueer.example.org"}


def clean_environment(**env: str) -> dict[str, str]:
    environment = {k: v for k, v in os.environ.items() if k not in _SETTINGS_VARIABLES}
    return environment | {"DJANGO_SETTINGS_MODULE": "studyapp.settings", **env}


def settings_under(**env: str) -> dict:
    """The settings a fresh process reads from env, as JSON."""
    script = (
        "import json, django; django.setup(); from django.conf import settings as s; print(json.dumps({"
        "'proxy_ssl_header': s.SECURE_PROXY_SSL_HEADER, 'ssl_redirect': s.SECURE_SSL_REDIRECT,"
        "'hsts': [s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD],"
        "'secure_cookies': [s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE],"
        "'session': [s.SESSION_COOKIE_AGE, s.SESSION_IDLE_MINUTES],"
        "'trusted_proxies': s.TRUSTED_PROXIES, 'middleware': s.MIDDLEWARE,"
        "'static_storage': s.STORAGES['staticfiles']['BACKEND'],"
        "'axes_ip': s.AXES_CLIENT_IP_CALLABLE}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=REPO,
        env=clean_environment(**env),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


# Settings ---------------------------------------------------------------------------------


def test_it_runs_locally_with_plain_static_files_and_no_proxy_trusted():
    local = settings_under()
    assert "whitenoise.middleware.WhiteNoiseMiddleware" not in local["middleware"]
    assert local["static_storage"] == "django.contrib.staticfiles.storage.StaticFilesStorage"
    assert local["proxy_ssl_header"] is None
    assert local["ssl_redirect"] is False
    assert local["hsts"] == [0, False, False]
    assert local["secure_cookies"] == [False, False]
    assert local["trusted_proxies"] == []
    assert local["session"] == [14 * 24 * 3600, 0]
    assert local["axes_ip"] == "studyapp.clientip.client_address"


def test_it_serves_hashed_static_files_with_whitenoise_when_debug_is_off():
    production = settings_under(**PRODUCTION)
    middleware = production["middleware"]
    assert middleware[:2] == [
        "django.middleware.security.SecurityMiddleware",
        "whitenoise.middleware.WhiteNoiseMiddleware",
    ]
    assert production["static_storage"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert production["secure_cookies"] == [True, True]


def test_it_reads_the_proxy_https_and_session_settings():
    production = settings_under(
        **PRODUCTION,
        SECURE_PROXY_SSL_HEADER="1",
        SECURE_SSL_REDIRECT="yes",
        SECURE_HSTS_SECONDS="31536000",
        SECURE_HSTS_INCLUDE_SUBDOMAINS="1",
        SECURE_HSTS_PRELOAD="on",
        TRUSTED_PROXIES="127.0.0.1, ::1,10.0.0.0/8",
        SESSION_COOKIE_AGE="3600",
        SESSION_IDLE_MINUTES="30",
    )
    assert production["proxy_ssl_header"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert production["ssl_redirect"] is True
    assert production["hsts"] == [31536000, True, True]
    assert production["trusted_proxies"] == ["127.0.0.1", "::1", "10.0.0.0/8"]
    assert production["session"] == [3600, 30]


def test_it_lets_a_plain_http_trial_turn_secure_cookies_off():
    assert settings_under(**PRODUCTION, SECURE_COOKIES="0")["secure_cookies"] == [False, False]


@pytest.mark.parametrize(
    ("env", "message"),
    [
        (
            {"DEBUG": "0", "SECRET_KEY": "x" * 50},
            "ALLOWED_HOSTS must be set when DEBUG is off",
        ),
        ({"TRUSTED_PROXIES": "10.0.0.300"}, "TRUSTED_PROXIES entry '10.0.0.300' is not an IP"),
        ({"TRUSTED_PROXIES": "127.0.0.1,,::1"}, "TRUSTED_PROXIES"),
        ({"SECURE_PROXY_SSL_HEADER": "x-forwarded-proto"}, "SECURE_PROXY_SSL_HEADER="),
        ({"SECURE_HSTS_SECONDS": "a year"}, "SECURE_HSTS_SECONDS='a year' is not a whole number"),
        ({"SESSION_IDLE_MINUTES": "-5"}, "SESSION_IDLE_MINUTES='-5' must be at least 0"),
        ({"SESSION_COOKIE_AGE": "10"}, "SESSION_COOKIE_AGE='10' must be at least 60"),
    ],
)
def test_it_refuses_to_start_on_a_malformed_production_value(env, message):
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=REPO,
        env=clean_environment(**env),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


def test_the_server_refuses_to_start_before_the_static_files_are_collected(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", "import studyapp.wsgi"],
        cwd=REPO,
        env=clean_environment(**PRODUCTION, XUEER_VAR_DIR=str(tmp_path)),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert f"No collected static files in {tmp_path / 'static'}" in result.stderr


def test_make_serve_names_the_variables_it_is_missing(tmp_path):
    result = subprocess.run(
        [str(REPO / "scripts" / "serve")],
        cwd=REPO,
        env=clean_environment(XUEER_VAR_DIR=str(tmp_path), PYTHON_BIN=sys.executable),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "these variables are not set: SECRET_KEY ALLOWED_HOSTS" in result.stderr
    assert not (tmp_path / "db.sqlite3").exists()  # refused before touching the database


def test_make_serve_refuses_several_workers_without_redis(tmp_path):
    """Without Redis a live quiz's events reach only the streams of the process that sent them."""
    result = subprocess.run(
        [str(REPO / "scripts" / "serve")],
        cwd=REPO,
        env=clean_environment(
            XUEER_VAR_DIR=str(tmp_path),
            PYTHON_BIN=sys.executable,
            SECRET_KEY="x" * 50,
            ALLOWED_HOSTS="example.org",
            WEB_CONCURRENCY="2",
            REDIS_URL="",
        ),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "WEB_CONCURRENCY=2 needs REDIS_URL" in result.stderr
    assert not (tmp_path / "db.sqlite3").exists()


@pytest.mark.parametrize(
    ("redis_url", "expected"),
    [
        (
            "redis://:secret@127.0.0.1:6380/2",
            {"host": "127.0.0.1", "port": 6380, "db": 2, "password": "secret"},
        ),
        (
            "rediss://cache.example.org:6379/0",
            {"host": "cache.example.org", "port": 6379, "db": 0, "ssl": True},
        ),
        ("", None),
    ],
)
def test_it_sends_the_live_quiz_events_through_redis_when_redis_url_is_set(redis_url, expected):
    script = (
        "import json, django; django.setup(); from django.conf import settings as s;"
        "print(json.dumps(getattr(s, 'EVENTSTREAM_REDIS', None)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=REPO,
        env=clean_environment(REDIS_URL=redis_url),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == expected


def test_it_refuses_a_redis_url_that_is_not_one():
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=REPO,
        env=clean_environment(REDIS_URL="http://127.0.0.1:6379"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (
        result.returncode != 0
        and "REDIS_URL='http://127.0.0.1:6379' is not a Redis URL" in result.stderr
    )


# Private pages and idle sessions ------------------------------------------------------------


@pytest.mark.django_db
def test_it_tells_caches_not_to_store_pages_for_a_signed_in_user(client, make_user):
    client.force_login(make_user("wang"))
    for name in ["quizzes:study_home", "quizzes:progress", "corpus:library"]:
        response = client.get(reverse(name))
        assert response.status_code == 200
        assert response["Cache-Control"] == "no-store", name


@pytest.mark.django_db
def test_it_lets_anonymous_public_pages_be_cached(client):
    response = client.get(reverse("corpus:library"))
    assert response.status_code == 200
    assert not response.has_header("Cache-Control")


@pytest.mark.django_db
def test_it_keeps_a_cache_control_the_view_chose(make_user):
    session = SessionStore()
    session[SESSION_KEY] = str(make_user("wang").pk)
    session.save()
    request = RequestFactory().get("/")
    request.session = session
    chosen = HttpResponse()
    chosen["Cache-Control"] = "private, max-age=60"
    assert PrivatePagesMiddleware(lambda request: chosen)(request)["Cache-Control"] == (
        "private, max-age=60"
    )


def _last_seen(client, minutes_ago: int) -> None:
    session = client.session
    session[LAST_SEEN_KEY] = int(time.time()) - minutes_ago * 60
    session.save()


@pytest.mark.django_db
@override_settings(SESSION_IDLE_MINUTES=30)
def test_it_signs_out_a_user_idle_past_the_timeout(client, make_user):
    client.force_login(make_user("wang"))
    assert client.get(reverse("quizzes:study_home")).status_code == 200
    assert LAST_SEEN_KEY in client.session

    _last_seen(client, minutes_ago=31)
    response = client.get(reverse("quizzes:study_home"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert SESSION_KEY not in client.session


@pytest.mark.django_db
@override_settings(SESSION_IDLE_MINUTES=30)
def test_it_keeps_an_active_user_signed_in_and_moves_the_idle_clock(client, make_user):
    client.force_login(make_user("wang"))
    _last_seen(client, minutes_ago=29)

    assert client.get(reverse("quizzes:study_home")).status_code == 200

    assert client.session[LAST_SEEN_KEY] >= int(time.time()) - 5
    assert SESSION_KEY in client.session


@pytest.mark.django_db
def test_it_has_no_idle_timeout_unless_one_is_set(client, make_user):
    client.force_login(make_user("wang"))
    _last_seen(client, minutes_ago=60 * 24 * 10)
    assert client.get(reverse("quizzes:study_home")).status_code == 200


# Client addresses ---------------------------------------------------------------------------


def _request(remote_addr: str | None, forwarded_for: str | None = None):
    request = RequestFactory().get("/")
    if remote_addr is None:
        del request.META["REMOTE_ADDR"]
    else:
        request.META["REMOTE_ADDR"] = remote_addr
    if forwarded_for is not None:
        request.META["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return request


@override_settings(TRUSTED_PROXIES=[])
def test_without_trusted_proxies_it_uses_the_connection_address_and_ignores_the_header():
    assert client_address(_request("198.51.100.9", "203.0.113.7")) == "198.51.100.9"


@override_settings(TRUSTED_PROXIES=["127.0.0.1", "::1"])
def test_it_takes_the_client_address_a_trusted_proxy_forwarded():
    assert client_address(_request("127.0.0.1", "203.0.113.7")) == "203.0.113.7"
    assert client_address(_request("::1", "2001:DB8:0::1")) == "2001:db8::1"


@override_settings(TRUSTED_PROXIES=["127.0.0.1"])
def test_it_ignores_a_forwarded_header_from_a_peer_that_is_not_a_trusted_proxy():
    assert client_address(_request("198.51.100.9", "203.0.113.7")) == "198.51.100.9"


@override_settings(TRUSTED_PROXIES=["127.0.0.1"])
def test_it_ignores_addresses_a_client_wrote_before_the_proxy_appended_its_own():
    assert client_address(_request("127.0.0.1", "10.9.9.9, 203.0.113.7")) == "203.0.113.7"


@override_settings(TRUSTED_PROXIES=["127.0.0.1", "10.0.0.0/8"])
def test_it_walks_back_through_a_chain_of_trusted_proxies():
    forwarded = "192.0.2.66, 203.0.113.7, 10.1.2.3"
    assert client_address(_request("127.0.0.1", forwarded)) == "203.0.113.7"


@override_settings(TRUSTED_PROXIES=["127.0.0.1"])
def test_it_stops_at_the_nearest_trusted_hop_on_a_malformed_entry():
    assert client_address(_request("127.0.0.1", "203.0.113.7, nonsense")) == "127.0.0.1"
    assert client_address(_request("127.0.0.1")) == "127.0.0.1"


@override_settings(TRUSTED_PROXIES=[])
def test_it_reads_ipv4_mapped_addresses_as_ipv4_and_a_missing_address_as_unknown():
    assert client_address(_request("::ffff:192.0.2.1")) == "192.0.2.1"
    assert client_address(_request(None)) == "0.0.0.0"
    assert client_address(_request("unix:/run/xueer.sock")) == "0.0.0.0"


@pytest.mark.django_db
@override_settings(TRUSTED_PROXIES=["127.0.0.1"], AXES_FAILURE_LIMIT=3)
def test_failed_sign_ins_behind_the_proxy_lock_out_one_client_not_the_whole_school(
    client, make_user
):
    make_user("wang")

    def sign_in(password: str, client_ip: str):
        return client.post(
            reverse("login"),
            {"username": "wang", "password": password},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=client_ip,
        )

    for _ in range(3):
        sign_in("wrong", "203.0.113.7")

    assert sign_in("pw-wang-2024", "203.0.113.7").status_code == 429
    assert sign_in("pw-wang-2024", "203.0.113.8").status_code == 302


# `make serve`, started for real ---------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _group_members(pgid: int) -> list[int]:
    members = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if os.getpgid(int(entry.name)) == pgid:
                    members.append(int(entry.name))
            except ProcessLookupError:
                pass
    return members


def _wait_for_group_to_end(pgid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not _group_members(pgid):
            return True
        time.sleep(0.2)
    return False


def _manage(env: dict, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


class Served:
    def __init__(self, base: str, process: subprocess.Popen, env: dict, var_dir: Path):
        self.base, self.process, self.env, self.var_dir = base, process, env, var_dir

    def browser(self) -> urllib.request.OpenerDirector:
        return urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def get(self, path: str, opener=None, **headers: str):
        request = urllib.request.Request(self.base + path, headers=headers)
        return (opener or self.browser()).open(request, timeout=10)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """scripts/serve (what `make serve` runs) on a fresh SQLite database, with the demo loaded."""
    if not Path("/proc/self").exists():
        pytest.skip("needs /proc to see the server's processes")
    var_dir = tmp_path_factory.mktemp("served")
    port = _free_port()
    env = clean_environment(
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_COOKIES="0",  # plain HTTP on loopback, no proxy in front
        XUEER_VAR_DIR=str(var_dir),
        HOST="127.0.0.1",
        PORT=str(port),
        PYTHON_BIN=sys.executable,
    )
    log = var_dir / "serve.log"
    process = subprocess.Popen(
        [str(REPO / "scripts" / "serve")],
        cwd=REPO,
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    served = Served(f"http://127.0.0.1:{port}", process, env, var_dir)
    try:
        deadline = time.monotonic() + 90
        while True:
            if process.poll() is not None:
                pytest.fail(f"scripts/serve exited with {process.returncode}:\n{log.read_text()}")
            try:
                served.get("/join").close()
                break
            except urllib.error.HTTPError as error:
                pytest.fail(f"the server answered {error.code}:\n{log.read_text()}")
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail(f"the server did not answer within 90 s:\n{log.read_text()}")
                time.sleep(0.2)
        # The demo, loaded beside the running server as an operator would.
        _manage(env | {"TASKS_BACKEND": "immediate"}, "seed_demo")
        yield served
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        if not _wait_for_group_to_end(process.pid, timeout=20):
            os.killpg(process.pid, signal.SIGKILL)


def test_the_served_site_links_its_css_and_htmx_by_hashed_names_and_serves_them(served):
    with served.get("/") as response:
        assert response.status == 200
        assert response.headers["Content-Security-Policy"].startswith("default-src 'self'")
        assert "Cache-Control" not in response.headers  # an anonymous public page
        page = response.read().decode()
    css = re.search(r'href="(/static/css/app\.[0-9a-f]{12}\.css)"', page)
    htmx = re.search(r'src="(/static/django_htmx/htmx[^"]*\.[0-9a-f]{12}\.js)"', page)
    assert css and htmx, page[:2000]

    for url, content_type in [(css[1], "text/css"), (htmx[1], "text/javascript")]:
        with served.get(url, **{"Accept-Encoding": "gzip"}) as response:
            assert response.status == 200
            assert response.headers["Content-Type"].startswith(content_type)
            assert response.headers["Content-Encoding"] == "gzip"
            assert "immutable" in response.headers["Cache-Control"]
            assert response.read()


def test_the_served_site_serves_the_projectors_sounds_as_audio(served):
    manifest = json.loads((served.var_dir / "static" / "staticfiles.json").read_text())
    for name in ("question", "tick", "reveal", "podium"):
        hashed = manifest["paths"][f"sounds/{name}.wav"]
        with served.get(f"/static/{hashed}") as response:
            assert response.status == 200
            assert response.headers["Content-Type"] == "audio/wav"
            assert "immutable" in response.headers["Cache-Control"]
            assert response.read(4) == b"RIFF"


def test_the_demo_learner_signs_in_through_the_form_and_studies(served):
    browser = served.browser()
    with served.get("/accounts/login/", browser) as response:
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.read().decode())
    form = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token[1], "username": "learner", "password": "xueer-learner"}
    ).encode()
    with browser.open(served.base + "/accounts/login/", data=form, timeout=10) as response:
        assert response.status == 200
        assert response.url == served.base + "/"  # redirected to the library, signed in

    with served.get("/study/", browser) as response:
        assert response.status == 200
        assert response.url == served.base + "/study/"
        assert response.headers["Cache-Control"] == "no-store"
        assert "learner" in response.read().decode()


def test_the_demo_teacher_signs_in_too(served):
    browser = served.browser()
    with served.get("/accounts/login/", browser) as response:
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.read().decode())
    form = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token[1], "username": "teacher", "password": "xueer-teacher"}
    ).encode()
    with browser.open(served.base + "/accounts/login/", data=form, timeout=10) as response:
        assert "teacher" in response.read().decode()
    with served.get("/classes/", browser) as response:
        assert response.status == 200


def test_the_worker_beside_the_server_generates_the_items_of_a_new_import(served):
    page = (REPO / "corpus" / "demo" / "page-1-public-services.md").read_text()
    new_text = served.var_dir / "new-page.md"
    new_text.write_text(
        page.replace("以高质量公共服务增进民生福祉", "以高质量公共服务增进群众福祉", 1)
    )
    _manage(served.env | {"TASKS_BACKEND": "database"}, "import_articles", str(new_text))

    deadline = time.monotonic() + 60
    with sqlite3.connect(served.var_dir / "db.sqlite3") as database:
        while True:
            states = [
                row[0]
                for row in database.execute(
                    "SELECT status FROM django_tasks_database_dbtaskresult"
                    " WHERE task_path = 'quizzes.tasks.generate_items'"
                )
            ]
            if states and all(state == "SUCCESSFUL" for state in states):
                break
            assert "FAILED" not in states
            assert time.monotonic() < deadline, f"the worker left the task {states}"
            time.sleep(0.3)


def test_stopping_the_server_stops_the_worker_too(served):
    # The script, the worker and uvicorn: one process, as a live quiz's events need without
    # REDIS_URL (with it, uvicorn's supervisor and its WEB_CONCURRENCY workers).
    assert len(_group_members(served.process.pid)) >= 3

    served.process.send_signal(signal.SIGTERM)  # the script alone, as a supervisor would

    assert served.process.wait(timeout=20) == 143
    assert _wait_for_group_to_end(served.process.pid, timeout=20)
    with pytest.raises(urllib.error.URLError):
        served.get("/join")
