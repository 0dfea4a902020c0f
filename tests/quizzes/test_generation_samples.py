"""The sample pages parse as written, and the fixture page is found when CI requires it."""

import pytest

from tests.conftest import FIXTURE_PAGE, FIXTURE_REQUIRED
from tests.quizzes.samples import SAMPLE_PAGES, page_outline


@pytest.mark.parametrize("name", list(SAMPLE_PAGES))
def test_it_parses_each_sample_page_as_written(name):
    outline = page_outline(name)
    assert len(outline.articles) == 1
    points = [point for section in outline.articles[0].sections for point in section.points]
    assert len(points) >= 3
    assert outline.articles[0].authors


def test_it_finds_the_fixture_page_when_required():
    if FIXTURE_REQUIRED or FIXTURE_PAGE.exists():
        assert FIXTURE_PAGE.is_file()
