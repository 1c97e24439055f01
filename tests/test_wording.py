"""Every message exists in English and French with the same placeholders."""

from __future__ import annotations

import string

from checker import errors
from checker.wording import MESSAGES, error_message, say


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_message_has_both_languages_with_matching_placeholders() -> None:
    for key, (en, fr) in MESSAGES.items():
        assert en.strip() and fr.strip(), key
        assert placeholders(en) == placeholders(fr), key


def test_every_error_code_has_words() -> None:
    codes = {
        cls.code
        for cls in vars(errors).values()
        if isinstance(cls, type) and issubclass(cls, errors.CheckerError)
    }
    codes |= {"split_without_base", "internal"}
    for code in codes:
        assert f"error.{code}" in MESSAGES, code


def test_messages_fill_in_their_values() -> None:
    assert say("company_apps", "fr", count=2, apps="A, B") == "2 de vos applis : A, B"
    assert error_message("not_zip", "bad magic", "en").endswith(": bad magic")
