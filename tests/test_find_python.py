"""`make run` and `make test` find a Python >= 3.12 themselves, or say clearly that there is none."""

import os
import subprocess
import sys

from tests.conftest import REPO

FIND_PYTHON = REPO / "scripts" / "find-python"


def run(path: str, **env: str) -> subprocess.CompletedProcess:
    environment = {"PATH": path, "HOME": os.environ.get("HOME", "/tmp"), **env}
    return subprocess.run(
        [str(FIND_PYTHON)], env=environment, capture_output=True, text=True, timeout=30
    )


def fake_python(directory, name: str, version: tuple[int, int]) -> None:
    script = directory / name
    script.write_text(
        f"#!/bin/sh\nexec {sys.executable} -c 'import sys; sys.exit(0 if {version} >= (3, 12) else 1)'\n"
    )
    script.chmod(0o755)


def test_it_finds_a_new_enough_python_on_the_path(tmp_path):
    fake_python(tmp_path, "python3", (3, 11))
    fake_python(tmp_path, "python3.13", (3, 13))
    result = run(f"{tmp_path}:/usr/bin:/bin")
    assert result.returncode == 0
    assert result.stdout.strip() == str(tmp_path / "python3.13")


def test_it_explains_when_there_is_no_suitable_python(tmp_path):
    fake_python(tmp_path, "python3", (3, 11))
    result = run(str(tmp_path) + ":/nonexistent-dir")
    assert result.returncode == 1
    assert "needs Python 3.12 or newer" in result.stderr
    assert "PYTHON=" in result.stderr


def test_it_rejects_an_old_python_given_explicitly(tmp_path):
    fake_python(tmp_path, "python3", (3, 11))
    result = run(f"{tmp_path}:/usr/bin:/bin", PYTHON=str(tmp_path / "python3"))
    assert result.returncode == 1
    assert "is not a Python 3.12 or newer" in result.stderr
