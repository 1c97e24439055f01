"""Built once for every test: a fresh data directory, no network, one knowledge base."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backend
import keyring.errors
import pytest

from checker.knowledge.base import Knowledge

SHARED = Path(__file__).resolve().parents[2] / "shared"
EXODUS_LIST = SHARED / "reference" / "exodus_trackers.json"


class NetworkBlocked(AssertionError):
    """Raised when code under test tries to open a connection."""


@pytest.fixture(autouse=True)
def fresh_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("EXPOSURE_CHECKER_HOME", str(home))
    return home


_LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def _host_of(args: tuple[object, ...]) -> str:
    for arg in args:
        if isinstance(arg, tuple) and arg:
            return str(arg[0])
        if isinstance(arg, str):
            return arg
    return ""


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[object, ...]]]:
    """Every test runs offline: connections are recorded; only loopback (our own test
    servers) is let through, anything else fails loudly."""
    attempts: list[tuple[object, ...]] = []
    originals = {
        "connect": socket.socket.connect,
        "connect_ex": socket.socket.connect_ex,
        "create_connection": socket.create_connection,
        "getaddrinfo": socket.getaddrinfo,
    }

    def guard(name: str, skip_self: bool):  # type: ignore[no-untyped-def]
        def guarded(*args: object, **kwargs: object) -> object:
            attempts.append(args)
            if _host_of(args[1:] if skip_self else args) not in _LOOPBACK:
                raise NetworkBlocked(f"network access attempted: {args!r}")
            return originals[name](*args, **kwargs)  # type: ignore[operator]

        return guarded

    monkeypatch.setattr(socket.socket, "connect", guard("connect", True))
    monkeypatch.setattr(socket.socket, "connect_ex", guard("connect_ex", True))
    monkeypatch.setattr(socket, "create_connection", guard("create_connection", False))
    monkeypatch.setattr(socket, "getaddrinfo", guard("getaddrinfo", False))
    yield attempts


class MemoryKeyring(keyring.backend.KeyringBackend):
    """Stands in for the OS keyring: tests never touch the real one."""

    priority = 1  # type: ignore[assignment]
    name = "test keyring"

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.secrets.pop((service, username), None) is None:
            raise keyring.errors.PasswordDeleteError("not found")


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(scope="session")
def knowledge(tmp_path_factory: pytest.TempPathFactory) -> Knowledge:
    return Knowledge.load(cache=tmp_path_factory.mktemp("kb-cache"))
