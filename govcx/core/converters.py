"""URL path converters shared by the apps."""

from django.urls import register_converter


def register_choice(name: str, *choices: str) -> None:
    """A converter matching one of ``choices`` exactly, e.g. a download's format."""

    class Choice:
        regex = "|".join(choices)

        def to_python(self, value: str) -> str:
            return value

        def to_url(self, value: str) -> str:
            return value

    register_converter(Choice, name)
