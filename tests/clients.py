"""Test clients signed in as a given user, for tests where several people act at once."""

from django.test import Client


def signed_in(user) -> Client:
    """A fresh client (not pytest-django's `client`, which one test shares) signed in as `user`."""
    client = Client()
    client.force_login(user)
    client.user = user
    return client
