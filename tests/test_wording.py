"""Every message exists in English and French with the same placeholders."""

from __future__ import annotations

import string

from checker import errors
from checker.wording import MESSAGES, count, error_message, say


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
    from checker import net, secrets
    from checker.knowledge import overlay

    for module in (net, secrets, overlay):
        codes |= {
            cls.code
            for cls in vars(module).values()
            if isinstance(cls, type) and issubclass(cls, errors.CheckerError)
        }
    codes |= {"split_without_base", "internal"}
    for code in codes:
        assert f"error.{code}" in MESSAGES, code


def test_messages_fill_in_their_values() -> None:
    assert (
        say("company_apps", "fr", your_apps="2 de vos applis", apps="A, B")
        == "2 de vos applis : A, B"
    )


def test_plurals_follow_each_language() -> None:
    assert count("sdks", 1, "en") == "1 SDK" and count("sdks", 2, "en") == "2 SDKs"
    assert count("companies", 0, "en") == "0 companies"
    assert count("companies", 0, "fr") == "0 entreprise"  # French: singular for 0 and 1
    assert count("apps_checked", 3, "fr") == "3 applis vérifiées"


def test_every_plural_has_both_forms() -> None:
    for key in MESSAGES:
        if key.endswith(".one"):
            assert key.removesuffix(".one") + ".other" in MESSAGES, key
    assert error_message("not_zip", "bad magic", "en").endswith(": bad magic")


def test_every_engine_code_a_person_can_see_has_words() -> None:
    from checker.actions import ActionKind
    from checker.models import Access, EvidenceKind

    for kind in EvidenceKind:
        assert f"evidence.{kind.value}" in MESSAGES, kind
    for access in Access:
        if access is not Access.NOT_NEEDED:
            assert f"access.{access.value}" in MESSAGES, access
    for action in ActionKind:
        assert f"action.{action.value}" in MESSAGES, action
