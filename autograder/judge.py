"""The judge: decides every course exercise outside the student's process.

While a submission runs in its sandbox, a :class:`Judge` listens on a Unix socket that is
bound into the sandbox. The hidden part of each course test cell
(:func:`autograder.judge_client.grade`) opens a session for its exercise; the judge then
asks for the learner's value, and runs the exercise's key here, on the trusted side:
data values cross as data (:mod:`autograder.wire`), and the learner's functions are called
over the socket on the inputs the key chooses, only their results (data) coming back.
Expected values, hidden verifiers and the keys never enter the sandbox.

The judge's own record is what scores: an exercise passes only when at least one session
ran for it and every session for it passed (probing the judge with wrong answers in one
session fails the exercise). What the kernel shows is replaced by the judge's verdict.
"""

from __future__ import annotations

import contextlib
import os
import socket
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import numpy as np

from autograder.wire import Opaque, WireError, decode, encode, opaque, receive_message, send_message, signature_from
from course.korean import with_particle

__all__ = ["Judge", "RemoteError", "Verdict"]

MAX_SESSIONS = 400  # per submission: far more than a notebook's test cells


class RemoteError(Exception):
    """An exception the learner's function raised in the sandbox (its class name is kept)."""


class _LostConnection(Exception):
    pass


_ERROR_CLASSES: dict[str, type] = {}


def _remote_error(type_name: str, message: str) -> Exception:
    if type_name == "NotImplementedError":
        return NotImplementedError(message)
    name = "".join(ch for ch in type_name if ch.isalnum() or ch == "_")[:60] or "Error"
    cls = _ERROR_CLASSES.setdefault(name, type(name, (RemoteError,), {}))
    return cls(message)


@dataclass
class Verdict:
    """The judge's decision for one exercise: every session's result, in order."""

    results: list = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return bool(self.results) and all(r.passed for r in self.results)

    @property
    def result(self):
        """The result to show: the first failing one, else the last."""
        failing = [r for r in self.results if not r.passed]
        return failing[0] if failing else self.results[-1]


class _Remote:
    """The learner's side of one session: lookups and calls over the connection."""

    def __init__(self, connection: socket.socket) -> None:
        self.connection = connection

    def request(self, message: dict) -> dict:
        try:
            send_message(self.connection, message)
            reply = receive_message(self.connection)
        except (OSError, EOFError, WireError) as error:
            raise _LostConnection(f"채점 중 노트북과의 연결이 끊겼습니다 ({type(error).__name__})") from None
        if not isinstance(reply, dict):
            raise _LostConnection("채점 중 노트북이 알 수 없는 응답을 보냈습니다")
        return reply

    def proxy(self, description: Any) -> Any:
        if not isinstance(description, dict):
            raise WireError("invalid reference")
        if description.get("callable"):
            return RemoteFunction(self, description)
        return opaque(str(description.get("type", "object"))[:200], str(description.get("repr", ""))[:200])

    def decode(self, data: Any) -> Any:
        return decode(data, proxy=self.proxy)

    def call(self, ref: int, args: tuple, kwargs: dict) -> Any:
        try:
            encoded = {"op": "call", "ref": ref, "args": encode(list(args), strict=True),
                       "kwargs": encode(dict(kwargs), strict=True)}
        except WireError as error:  # a key passed something that cannot cross: a key bug, said loudly
            raise RuntimeError(f"grading input cannot be sent to the notebook: {error}") from None
        reply = self.request(encoded)
        if reply.get("args_after") is not None:
            with contextlib.suppress(WireError, TypeError, ValueError):
                _write_back(args, tuple(self.decode(reply["args_after"])))
        if reply.get("op") == "raised":
            raise _remote_error(str(reply.get("type", "Error")), str(reply.get("message", ""))[:2000])
        if reply.get("op") != "return":
            raise _LostConnection(f"채점 중 노트북이 알 수 없는 응답을 보냈습니다 ({str(reply.get('message', ''))[:200]})")
        return self.decode(reply.get("value"))


class RemoteFunction:
    """Stand-in for a learner's function: calling it calls the original in the sandbox."""

    def __init__(self, remote: _Remote, description: dict) -> None:
        self._remote = remote
        self._ref = int(description["id"])
        self._repr = str(description.get("repr", ""))[:200]
        if description.get("name") is not None:  # as the original: a Keras layer has no __name__
            self.__name__ = self.__qualname__ = str(description["name"])[:80]
        signature = signature_from(description.get("signature"))
        if signature is not None:
            self.__signature__ = signature

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self._remote.call(self._ref, args, kwargs)

    def __repr__(self) -> str:
        return self._repr


def _differs(local: Any, after: Any) -> bool:
    if type(local) is not type(after):
        return True
    if hasattr(local, "equals"):  # pandas
        return not local.equals(after)
    if isinstance(local, np.ndarray):
        return local.shape != after.shape or local.dtype != after.dtype or not np.array_equal(
            local, after, equal_nan=local.dtype.kind in "fc")
    try:
        return bool(local != after)
    except Exception:
        return True


def _write_back(local_args: tuple, after: tuple) -> None:
    """Apply the changes the learner's function made to its arguments in the sandbox to the
    judge's copies, so that a key's "inputs unchanged" check sees them."""
    for local, changed in zip(local_args, after):
        if not _differs(local, changed):
            continue
        if isinstance(local, np.ndarray) and local.shape == changed.shape and local.flags.writeable:
            np.copyto(local, changed, casting="unsafe")
        elif isinstance(local, list):
            local[:] = changed
        elif isinstance(local, (dict, set)):
            local.clear()
            local.update(changed)
        elif hasattr(local, "_update_inplace"):  # pandas: what `inplace=True` operations use
            local._update_inplace(changed)


class Judge:
    """Decides one submission's course exercises; see the module docstring."""

    def __init__(self, chapter: str, *, timeout: float = 180) -> None:
        from autograder.keys import keys_of

        self.chapter = chapter
        self.keys = keys_of(chapter)
        self.timeout = timeout
        self.verdicts: dict[str, Verdict] = {}
        self.notes: list[str] = []
        self._sessions = 0

    @contextlib.contextmanager
    def listening(self, socket_path: Path) -> Iterator[Path]:
        """Serve sessions on ``socket_path`` (a new Unix socket any local user may connect to)."""
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        server.bind(str(socket_path))
        os.chmod(socket_path, 0o666)
        server.listen(4)
        server.settimeout(0.2)
        stop = threading.Event()
        thread = threading.Thread(target=self._accept_loop, args=(server, stop), daemon=True)
        thread.start()
        try:
            yield socket_path
        finally:
            stop.set()
            thread.join()
            server.close()

    def _accept_loop(self, server: socket.socket, stop: threading.Event) -> None:
        while not stop.is_set():
            try:
                connection, _ = server.accept()
            except socket.timeout:
                continue
            except OSError:
                return
            with connection:
                connection.settimeout(self.timeout)
                self._sessions += 1
                if self._sessions > MAX_SESSIONS:
                    continue
                self.session(connection)

    def session(self, connection: Any) -> None:
        """One exercise: read the opening request, judge, send the verdict."""
        from course.checks import Result, Status

        try:
            opening = receive_message(connection)
        except (OSError, EOFError, WireError):
            return
        name = opening.get("exercise") if isinstance(opening, dict) else None
        if not isinstance(opening, dict) or opening.get("op") != "open" or opening.get("chapter") != self.chapter \
                or name not in self.keys:
            note = f"tampering: a session for an unknown exercise ({str(name)[:40]}) was refused"
            if note not in self.notes:
                self.notes.append(note)
            return
        key = self.keys[name]
        remote = _Remote(connection)
        try:
            result = key.evaluate(self._namespace(remote, key.exercise))
        except _LostConnection as error:
            result = Result(Status.INCORRECT, key.exercise.title, f"{error}. (채점: 0점)")
        self.verdicts.setdefault(name, Verdict()).results.append(result)
        with contextlib.suppress(OSError, WireError):
            send_message(connection, {"op": "verdict", "status": result.status.name, "title": result.title,
                                      "message": result.message, "passed": result.passed})

    def _namespace(self, remote: _Remote, exercise: Any) -> dict:
        """What the key's lookup will find: the learner's value, as data or stand-ins."""
        var = exercise.var
        request = {"op": "lookup", "var": var}
        transfer, rebuild = getattr(exercise, "transfer", None), getattr(exercise, "rebuild", None)
        if transfer is not None:
            request["transfer"] = encode(transfer, strict=True)
        reply = remote.request(request)
        if reply.get("missing"):
            return {}
        if reply.get("op") == "raised":
            return {var: _Unsendable(str(reply.get("message", ""))[:500])}
        try:
            value = remote.decode(reply.get("value"))
        except WireError as error:
            return {var: _Unsendable(f"값을 채점기로 옮길 수 없습니다: {error}")}
        except Exception as error:  # e.g. a Keras model that does not load in safe mode
            return {var: _Unsendable(f"{with_particle(var, '을', code=True)} 채점기로 옮길 수 없습니다: {type(error).__name__}: {str(error)[:300]}")}
        return {var: rebuild(value) if rebuild is not None else value}

    def verdict_for(self, name: str) -> Verdict | None:
        return self.verdicts.get(name)


class _Unsendable(Opaque):
    """A learner's value that could not cross to the judge; checks see its reason as its repr."""

    def __init__(self, reason: str) -> None:
        super().__init__("unsendable", reason)
