"""Inside a graded kernel: hand one exercise's answer to the judge outside the sandbox.

The hidden part of every course test cell calls :func:`grade`. While grading, the sandbox
sets ``$AUTOGRADER_JUDGE`` to the judge's socket: the judge, in the trusted grader with the
keys, asks for the learner's value, has the learner's functions called here on the inputs
it chooses (only data crosses back, see :mod:`autograder.wire`) and decides pass or fail
itself. Nothing here can make an answer pass: this side never sees an expected value, and
the score comes from the judge's own record, not from what this kernel shows.

Without ``$AUTOGRADER_JUDGE`` (an instructor running a source notebook, ``make course``),
the keys are imported and judge in this process.
"""

from __future__ import annotations

import os
import socket
from typing import Any

from autograder.wire import WireError, decode, encode, receive_message, send_message, short_repr, signature_data

__all__ = ["JUDGE_ENV", "grade", "serve_session"]

JUDGE_ENV = "AUTOGRADER_JUDGE"


def grade(chapter: str, name: str) -> None:
    """The hidden test of one exercise: the judge's verdict is shown; raise if it is not correct."""
    path = os.environ.get(JUDGE_ENV, "")
    if not path:
        from autograder.keys import grade as grade_here

        return grade_here(chapter, name)
    from course.checks import ExerciseFailed, Result, Status, learner_namespace, show

    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
        connection.connect(path)
        send_message(connection, {"op": "open", "chapter": chapter, "exercise": name})
        verdict = serve_session(connection, learner_namespace())
    result = Result(Status[verdict["status"]], str(verdict["title"]), str(verdict["message"]))
    show(result)
    if not result.passed:
        raise ExerciseFailed(str(result))


def serve_session(connection: Any, namespace: Any) -> dict:
    """Answer the judge's requests (a value, calls of the learner's functions) until its verdict."""
    refs: list[Any] = []

    def register(obj: Any) -> dict:
        refs.append(obj)
        return {
            "id": len(refs) - 1,
            "callable": callable(obj),
            "name": str(obj.__name__)[:80] if isinstance(getattr(obj, "__name__", None), str) else None,
            "type": f"{type(obj).__module__}.{type(obj).__qualname__}"[:200],
            "repr": short_repr(obj),
            "signature": signature_data(obj) if callable(obj) else None,
        }

    while True:
        request = receive_message(connection)
        op = request.get("op") if isinstance(request, dict) else None
        if op == "verdict":
            return request
        if op == "lookup":
            var = str(request.get("var", ""))
            if var not in namespace:
                reply = {"op": "value", "missing": True}
            elif request.get("transfer") is not None:
                reply = _transferred(request["transfer"], namespace[var], register)
            else:
                reply = _encoded("value", namespace[var], register)
        elif op == "call":
            reply = _call(request, refs, register)
        else:
            reply = {"op": "error", "message": f"unknown request {op!r}"}
        send_message(connection, reply)


def _encoded(op: str, value: Any, register) -> dict:
    try:
        return {"op": op, "value": encode(value, by_reference=register)}
    except (WireError, RecursionError, MemoryError) as error:
        return {"op": "raised", "type": "WireError", "message": f"값을 채점기로 보낼 수 없습니다: {error}"[:500]}
    except Exception as error:  # e.g. a Keras model that cannot be saved
        return {"op": "raised", "type": type(error).__name__, "message": f"값을 채점기로 보낼 수 없습니다: {error}"[:500]}


def _transferred(transfer: Any, value: Any, register) -> dict:
    """The value as the exercise's public ``transfer`` function turns it into data."""
    try:
        function = decode(transfer)
        data = function(value) if value is not None and value is not Ellipsis else value
    except Exception as error:
        return {"op": "raised", "type": type(error).__name__, "message": f"값을 채점기로 보낼 수 없습니다: {error}"[:500]}
    return _encoded("value", data, register)


def _call(request: dict, refs: list, register) -> dict:
    try:
        target = refs[int(request["ref"])]
        args = decode(request["args"])
        kwargs = decode(request.get("kwargs", {"$dict": []}))
    except (WireError, KeyError, IndexError, TypeError, ValueError) as error:
        return {"op": "error", "message": f"bad call request: {error}"}
    try:
        result = target(*args, **kwargs)
    except Exception as error:  # the learner's error: reported by name and message, like a local call
        reply = {"op": "raised", "type": type(error).__name__, "message": str(error)[:2000]}
    else:
        reply = _encoded("return", result, register)
    try:
        reply["args_after"] = encode(tuple(args), by_reference=register)
    except Exception:
        reply["args_after"] = None
    return reply
