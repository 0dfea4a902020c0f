"""What every page shares: language, CSP, the CSRF header for htmx."""

import re

import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_it_speaks_chinese_by_default_even_to_english_browsers(client):
    page = client.get(
        reverse("corpus:library"), headers={"Accept-Language": "en-US,en;q=0.9"}
    ).content.decode()
    assert '<html lang="zh-hans">' in page
    assert "书库" in page


@pytest.mark.django_db
def test_it_switches_to_english_and_back(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    page = client.get(reverse("corpus:library")).content.decode()
    assert '<html lang="en">' in page
    assert "Library" in page and "书库" not in page

    client.post(reverse("set_language"), {"language": "zh-hans", "next": "/"})
    assert "书库" in client.get(reverse("corpus:library")).content.decode()


@pytest.mark.django_db
def test_it_sends_a_nonce_csp_and_puts_the_nonce_on_every_script(client):
    response = client.get(reverse("corpus:library"))
    policy = response["Content-Security-Policy"]
    assert "unsafe-inline" not in policy
    nonce = re.search(r"'nonce-([^']+)'", policy).group(1)
    page = response.content.decode()
    scripts = re.findall(r"<script[^>]*>", page)
    assert scripts, "htmx is loaded"
    assert all(f'nonce="{nonce}"' in tag for tag in scripts)
    assert "style=" not in page  # no inline styles: style-src has no unsafe-inline
    assert re.search(r"""hx-headers='\{"X-CSRFToken": "[^"]+"\}'""", page)


@pytest.mark.django_db
def test_it_loads_no_resource_from_another_origin(client):
    page = client.get(reverse("corpus:library")).content.decode()
    assert not re.search(r"""(src|href)=["'](https?:)?//""", page)
