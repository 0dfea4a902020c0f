"""Path converters for the project's URLs."""

from django.urls import register_converter

MAX_ID = 2**31 - 1  # the largest id every supported database holds


class IdConverter:
    """A row id: digits only, and no larger than a database id, so /items/<10**30>/ is a 404
    rather than an overflow inside the database driver."""

    regex = "[0-9]{1,10}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if not 1 <= number <= MAX_ID:
            raise ValueError(value)  # Django treats it as "no match": a 404
        return number

    def to_url(self, value: int) -> str:
        return str(int(value))


register_converter(IdConverter, "id")
