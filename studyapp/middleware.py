from django.conf import settings
from django.http import HttpRequest
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class ChineseFirstLocaleMiddleware(LocaleMiddleware):
    """Chinese for everyone until they choose otherwise with the language switch.

    Django's own middleware follows the browser's Accept-Language, which would
    greet most desktop browsers in English; 学而's readers study Chinese texts,
    so only an explicit choice (the language cookie) changes the language.
    """

    def process_request(self, request: HttpRequest) -> None:
        translation.activate(language_chosen(request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)))
        request.LANGUAGE_CODE = translation.get_language()


def language_chosen(cookie: str | None) -> str:
    """The site language for this value of the language cookie: the one chosen, else Chinese."""
    try:
        return (
            translation.get_supported_language_variant(cookie) if cookie else settings.LANGUAGE_CODE
        )
    except LookupError:
        return settings.LANGUAGE_CODE
