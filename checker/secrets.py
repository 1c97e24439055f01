"""Secrets (the εxodus API token) live only in the operating system's keyring.

When no usable keyring backend exists (a headless Linux without a Secret
Service, say) the feature says so and stays off: there is no plaintext fallback.
``keyring`` is imported lazily, so the app pays for it only when a secret is used.
"""

from __future__ import annotations

import logging

from checker.errors import CheckerError

log = logging.getLogger(__name__)

SERVICE = "exposure-checker"
EXODUS_TOKEN = "exodus-api-token"


class SecretStoreUnavailable(CheckerError):
    code = "no_keyring"


def backend_name() -> str | None:
    """A readable name of the keyring in use (e.g. 'macOS Keychain'), or None if unusable."""
    import keyring
    from keyring.backends import chainer, fail

    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring):
        return None
    if isinstance(backend, chainer.ChainerBackend) and not backend.backends:
        return None
    if type(backend).__module__.startswith("keyring.backends.null"):
        return None
    name = getattr(backend, "name", None) or type(backend).__name__
    return str(name)


def get(name: str) -> str | None:
    if backend_name() is None:
        return None
    import keyring
    from keyring.errors import KeyringError

    try:
        return keyring.get_password(SERVICE, name)
    except KeyringError as exc:
        log.warning("keyring read failed: %s", type(exc).__name__)
        return None


def store(name: str, value: str) -> str:
    """Store ``value``; returns where it went. Raises ``SecretStoreUnavailable``."""
    where = backend_name()
    if where is None:
        raise SecretStoreUnavailable("no usable keyring")
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(SERVICE, name, value)
    except KeyringError as exc:
        raise SecretStoreUnavailable(
            f"the keyring refused to store it ({type(exc).__name__})"
        ) from None
    return where


def delete(name: str) -> bool:
    """Remove the secret; False when there was none (or no keyring)."""
    if backend_name() is None:
        return False
    import keyring
    from keyring.errors import KeyringError, PasswordDeleteError

    try:
        keyring.delete_password(SERVICE, name)
    except PasswordDeleteError:
        return False
    except KeyringError:
        return False
    return True
