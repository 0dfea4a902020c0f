"""The projector's sounds: files of our own making (scripts/make_sounds.py writes them), served
from static, offered on the projector behind a toggle that starts off."""

import array
import importlib.util
import re
import wave
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders

from tests.quizzes.test_live_projector import projector, room_part

ROOT = Path(__file__).resolve().parents[2]


def make_sounds():
    spec = importlib.util.spec_from_file_location(
        "make_sounds", ROOT / "scripts" / "make_sounds.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def samples(path: Path) -> tuple[wave._wave_params, array.array]:
    with wave.open(str(path), "rb") as sound:
        params = sound.getparams()
        frames = array.array("h", sound.readframes(params.nframes))
    return params, frames


def test_the_committed_sounds_are_what_the_script_writes(tmp_path):
    written = make_sounds().write(tmp_path)
    assert {path.name for path in written} == {
        "question.wav",
        "tick.wav",
        "reveal.wav",
        "podium.wav",
    }
    for path in written:
        committed = ROOT / "static" / "sounds" / path.name
        (ours, expected), (theirs, got) = samples(path), samples(committed)
        assert ours == theirs
        # the same samples, give or take a rounding step (another libm may differ in the last bit)
        assert max(abs(a - b) for a, b in zip(expected, got, strict=True)) <= 1


def test_each_sound_is_short_mono_audible_and_does_not_clip():
    for name in ("question", "tick", "reveal", "podium"):
        params, frames = samples(ROOT / "static" / "sounds" / f"{name}.wav")
        assert (params.nchannels, params.sampwidth) == (1, 2)
        assert 0.05 <= params.nframes / params.framerate <= 2.0
        loudest = max(abs(frame) for frame in frames)
        assert 0.5 * 32767 <= loudest <= 0.61 * 32767
        assert abs(frames[0]) < 100  # it fades in: no click at the start


@pytest.mark.django_db
def test_the_projector_offers_its_sounds_behind_a_toggle_that_starts_off(teacher, live):
    page = projector(teacher, live)
    toggle = re.search(r"<button[^>]*data-sound-toggle[^>]*>", page).group(0)
    assert 'aria-pressed="false"' in toggle and "hidden" in toggle  # live.js shows it
    sources = re.findall(r'<audio preload="none" data-sound="(\w+)" src="([^"]+)"', page)
    assert [name for name, _ in sources] == ["question", "tick", "reveal", "podium"]
    for name, url in sources:
        assert url.endswith(f"sounds/{name}.wav") and finders.find(f"sounds/{name}.wav")
    assert "autoplay" not in page
    assert "data-sound-toggle" in room_part(page)  # the room's screen, not the closed panel
