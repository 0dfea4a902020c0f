"""Write the projector's sounds (static/sounds/*.wav) from nothing but arithmetic.

The live quiz's projector can play a chime when a question opens, a tick in its last five
seconds, a chord at the reveal and a fanfare at the podium (off until the teacher turns them
on). They are synthesised here, not downloaded: each note is a sine with two quieter overtones
under an exponential decay, with a few milliseconds of fade-in so it does not click. The output
is the same bytes on every run (tests/quizzes/test_live_sounds.py checks the committed files
against it), so the files in the repository are exactly what this script writes.

Run: .venv/bin/python scripts/make_sounds.py [directory]   (default: static/sounds)
"""

import math
import struct
import sys
import wave
from pathlib import Path

RATE = 22050  # Hz: plenty for these tones, half the bytes of 44.1 kHz
PEAK = 0.6  # of full scale, so chords do not clip

# (frequency in Hz, start in s, length in s) per note; frequencies of equal temperament.
C5, E5, G5, C6, E6 = 523.25, 659.26, 783.99, 1046.50, 1318.51
SOUNDS = {
    "question": [(C5, 0.0, 0.35), (G5, 0.12, 0.45)],
    "tick": [(1760.0, 0.0, 0.06)],
    "reveal": [(E5, 0.0, 0.5), (G5, 0.08, 0.5), (C6, 0.16, 0.6)],
    "podium": [
        (C5, 0.0, 0.25),
        (E5, 0.18, 0.25),
        (G5, 0.36, 0.25),
        (C6, 0.54, 0.9),
        (E6, 0.54, 0.9),
    ],
}


def note(frequency: float, seconds: float) -> list[float]:
    samples = []
    count = int(seconds * RATE)
    decay = 5.0 / seconds  # about -43 dB by the end
    for i in range(count):
        t = i / RATE
        attack = min(1.0, t / 0.005)
        tone = (
            math.sin(2 * math.pi * frequency * t)
            + 0.3 * math.sin(4 * math.pi * frequency * t)
            + 0.1 * math.sin(6 * math.pi * frequency * t)
        )
        samples.append(attack * math.exp(-decay * t) * tone / 1.4)
    return samples


def mix(notes: list[tuple[float, float, float]]) -> bytes:
    length = max(int((start + seconds) * RATE) for _, start, seconds in notes)
    track = [0.0] * length
    for frequency, start, seconds in notes:
        offset = int(start * RATE)
        for i, sample in enumerate(note(frequency, seconds)):
            track[offset + i] += sample
    loudest = max(abs(sample) for sample in track)
    scale = PEAK * 32767 / loudest
    return b"".join(struct.pack("<h", round(sample * scale)) for sample in track)


def write(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, notes in SOUNDS.items():
        path = directory / f"{name}.wav"
        with wave.open(str(path), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(RATE)
            out.writeframes(mix(notes))
        written.append(path)
    return written


if __name__ == "__main__":
    target = (
        Path(sys.argv[1])
        if len(sys.argv) > 1
        else Path(__file__).resolve().parent.parent / "static" / "sounds"
    )
    for path in write(target):
        print(path, path.stat().st_size, "bytes")
