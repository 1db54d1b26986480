"""Values as plain data: what crosses between a graded kernel and the trusted judge.

:func:`encode` turns a value into JSON-ready data; :func:`decode` rebuilds it and never runs
code that came with the data: only builtins, NumPy arrays, pandas objects and (when asked)
Keras models loaded with ``safe_mode=True`` are built. Anything else crosses by reference:
``by_reference(obj)`` on the encoding side returns an id, and on the decoding side
``proxy(id, description)`` builds the stand-in (the judge's remote function).

Public functions of the course (``course.*``) and grading probes (``autograder.probes.*``)
cross by name and are imported on the other side.
"""

from __future__ import annotations

import base64
import importlib
import inspect
import math
import types
from typing import Any, Callable

import numpy as np

__all__ = ["Opaque", "opaque", "WireError", "decode", "encode", "receive_message", "send_message", "short_repr", "signature_data", "signature_from"]

_ARRAY_KINDS = "biufcUMm"
_IMPORTABLE = ("course.", "autograder.probes.")
MAX_DEPTH = 60


class WireError(ValueError):
    """The data cannot be encoded or is not valid encoded data."""


class Opaque:
    """Stand-in for an object that cannot cross as data: its type name and a short repr."""

    def __init__(self, type_name: str, text: str) -> None:
        self.type_name, self.text = type_name, text

    def __repr__(self) -> str:
        return self.text

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Opaque) and (self.type_name, self.text) == (other.type_name, other.text)

    __hash__ = None  # type: ignore[assignment]


_OPAQUE_CLASSES: dict[str, type] = {}


def opaque(type_name: str, text: str) -> Opaque:
    """An :class:`Opaque` whose class is named like the original type (``EagerTensor``), so
    that messages naming ``type(value).__name__`` read as they would for the original."""
    short = "".join(ch for ch in type_name.rsplit(".", 1)[-1] if ch.isalnum() or ch == "_")[:60] or "Opaque"
    cls = _OPAQUE_CLASSES.setdefault(short, type(short, (Opaque,), {}))
    return cls(type_name, text)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: Any) -> bytes:
    if not isinstance(text, str):
        raise WireError("expected base64 text")
    return base64.b64decode(text.encode("ascii"), validate=True)


# ---------------------------------------------------------------------------
# Encoding
# ---------------------------------------------------------------------------


def encode(value: Any, *, by_reference: Callable[[Any], dict] | None = None, keras_models: bool = True,
           strict: bool = False) -> Any:
    """JSON-ready data for ``value``; objects that are not data go through ``by_reference``
    (without it they cross as :class:`Opaque`, or raise :class:`WireError` when ``strict``)."""
    return _Encoder(by_reference, keras_models, strict).encode(value, 0)


def signature_data(function: Any) -> list[list[Any]] | None:
    """A function's parameters as ``[name, kind, has_default, default_repr]`` (None if unknown)."""
    try:
        parameters = inspect.signature(function).parameters.values()
    except (TypeError, ValueError):
        return None
    return [
        [p.name, int(p.kind), p.default is not inspect.Parameter.empty, "" if p.default is inspect.Parameter.empty else repr(p.default)[:80]]
        for p in parameters
    ]


class _DefaultRepr:
    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text


def signature_from(data: Any) -> inspect.Signature | None:
    """The :class:`inspect.Signature` described by :func:`signature_data`'s output."""
    if not isinstance(data, list):
        return None
    try:
        return inspect.Signature([
            inspect.Parameter(
                str(name), inspect._ParameterKind(int(kind)),
                default=_DefaultRepr(str(default)) if has_default else inspect.Parameter.empty,
            )
            for name, kind, has_default, default in data
        ])
    except (TypeError, ValueError):
        return None


class _Encoder:
    def __init__(self, by_reference, keras_models: bool, strict: bool = False) -> None:
        self.by_reference = by_reference
        self.keras_models = keras_models
        self.strict = strict

    def encode(self, value: Any, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise WireError("value nested too deeply")
        d = depth + 1
        if value is None or isinstance(value, (bool, str)):
            return value
        if isinstance(value, int) and type(value) is int:
            return value
        if type(value) is float:
            return value if math.isfinite(value) else {"$float": repr(value)}
        if isinstance(value, complex) and type(value) is complex:
            return {"$complex": [self.encode(value.real, d), self.encode(value.imag, d)]}
        if value is Ellipsis:
            return {"$ellipsis": True}
        if type(value) is list:
            return [self.encode(item, d) for item in value]
        if type(value) is tuple:
            return {"$tuple": [self.encode(item, d) for item in value]}
        if type(value) in (set, frozenset):
            return {"$set": [self.encode(item, d) for item in value], "frozen": type(value) is frozenset}
        if type(value) is dict:
            return {"$dict": [[self.encode(k, d), self.encode(v, d)] for k, v in value.items()]}
        if type(value) in (bytes, bytearray):
            return {"$bytes": _b64(bytes(value))}
        if type(value) is range:
            return {"$range": [value.start, value.stop, value.step]}
        if type(value) is types.SimpleNamespace:
            return {"$namespace": self.encode(vars(value), d)}
        if isinstance(value, np.generic) and type(value).__module__ == "numpy":
            return self._scalar(value)
        if type(value) is np.ndarray:
            return self._array(value, d)
        pandas = _pandas_kind(value)
        if pandas is not None:
            return self._pandas(pandas, value, d)
        if self.keras_models and _is_keras_model(value):
            return {"$keras": _b64(_keras_bytes(value))}
        if inspect.isfunction(value) and (value.__module__ or "").startswith(_IMPORTABLE) and "<" not in value.__qualname__:
            return {"$function": [value.__module__, value.__qualname__]}
        if self.by_reference is not None:
            return {"$ref": self.by_reference(value)}
        if self.strict:
            where = getattr(value, "__module__", "") or ""
            raise WireError(f"{type(value).__name__} {getattr(value, '__qualname__', '')} ({where}) is not data: "
                            "functions a key passes must live in course.* or autograder.probes.*")
        return {"$opaque": [f"{type(value).__module__}.{type(value).__qualname__}", short_repr(value)]}

    def _scalar(self, value: np.generic) -> dict:
        if value.dtype.kind not in _ARRAY_KINDS:
            return {"$opaque": [type(value).__name__, short_repr(value)]}
        return {"$npscalar": [value.dtype.str, _b64(np.asarray(value).tobytes())]}

    def _array(self, array: np.ndarray, depth: int) -> dict:
        if array.dtype.kind in _ARRAY_KINDS:
            contiguous = np.ascontiguousarray(array)
            return {"$ndarray": [array.dtype.str, list(array.shape), _b64(contiguous.tobytes())]}
        if array.dtype.kind == "O":
            return {"$objarray": [list(array.shape), [self.encode(item, depth) for item in array.ravel().tolist()]]}
        return {"$opaque": [f"ndarray[{array.dtype}]", short_repr(array)]}

    def _pandas(self, kind: str, value: Any, depth: int) -> dict:
        import pandas as pd

        if kind == "na":
            return {"$pd": ["na"]}
        if kind == "nat":
            return {"$pd": ["nat"]}
        if kind == "timestamp":
            return {"$pd": ["timestamp", value.isoformat()]}
        if kind == "timedelta":
            return {"$pd": ["timedelta", value.value]}
        if kind == "index":
            if isinstance(value, pd.RangeIndex):
                return {"$pd": ["range", value.start, value.stop, value.step, self.encode(value.name, depth)]}
            if isinstance(value, pd.MultiIndex):
                return {"$pd": ["multi", self.encode(list(value), depth), self.encode(list(value.names), depth)]}
            return {"$pd": ["index", self._values(value, depth), self.encode(value.name, depth)]}
        if kind == "series":
            return {"$pd": ["series", self._values(value, depth), self.encode(value.index, depth), self.encode(value.name, depth)]}
        if kind == "frame":
            columns = [self._values(value.iloc[:, i], depth) for i in range(value.shape[1])]
            return {"$pd": ["frame", columns, self.encode(value.columns, depth), self.encode(value.index, depth)]}
        raise WireError(f"unknown pandas kind {kind}")

    def _values(self, values: Any, depth: int) -> list:
        """A pandas column or index: its dtype name and its values."""
        import pandas as pd

        dtype = values.dtype
        if isinstance(dtype, pd.CategoricalDtype):
            return ["category", self.encode(pd.Index(dtype.categories), depth),
                    self.encode(np.asarray(values.cat.codes if hasattr(values, "cat") else values.codes), depth), dtype.ordered]
        array = values.to_numpy() if not isinstance(dtype, np.dtype) else np.asarray(values)
        return [str(dtype), self.encode(np.asarray(array), depth)]


def short_repr(value: Any, limit: int = 200) -> str:
    try:
        text = repr(value)
    except Exception:
        text = f"<{type(value).__name__}>"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _pandas_kind(value: Any) -> str | None:
    module = type(value).__module__
    if not module.startswith("pandas"):
        return None
    import pandas as pd

    if value is pd.NA:
        return "na"
    if value is pd.NaT:
        return "nat"
    for kind, cls in (("frame", pd.DataFrame), ("series", pd.Series), ("index", pd.Index),
                      ("timestamp", pd.Timestamp), ("timedelta", pd.Timedelta)):
        if isinstance(value, cls):
            return kind
    return None


def _is_keras_model(value: Any) -> bool:
    import sys

    keras = sys.modules.get("keras")
    return keras is not None and isinstance(value, keras.Model)


def _keras_bytes(model: Any) -> bytes:
    import os
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "model.keras")
        model.save(path)
        with open(path, "rb") as handle:
            return handle.read()


# ---------------------------------------------------------------------------
# Decoding
# ---------------------------------------------------------------------------


def decode(data: Any, *, proxy: Callable[[Any], Any] | None = None, keras_models: bool = True) -> Any:
    """The value :func:`encode` described. ``$ref`` entries become ``proxy(description)``."""
    return _Decoder(proxy, keras_models).decode(data, 0)


class _Decoder:
    def __init__(self, proxy, keras_models: bool) -> None:
        self.proxy = proxy
        self.keras_models = keras_models

    def decode(self, data: Any, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise WireError("data nested too deeply")
        d = depth + 1
        if data is None or isinstance(data, (bool, str)) or type(data) in (int, float):
            return data
        if isinstance(data, list):
            return [self.decode(item, d) for item in data]
        if not isinstance(data, dict) or len(data) not in (1, 2):
            raise WireError("invalid encoded value")
        tag = next(iter(data))
        body = data[tag]
        try:
            return self._tagged(tag, body, data, d)
        except WireError:
            raise
        except Exception as error:
            raise WireError(f"invalid {tag}: {type(error).__name__}: {error}") from None

    def _tagged(self, tag: str, body: Any, data: dict, d: int) -> Any:
        if tag == "$float":
            if body not in ("nan", "inf", "-inf"):
                raise WireError("invalid float")
            return float(body)
        if tag == "$complex":
            return complex(float(self.decode(body[0], d)), float(self.decode(body[1], d)))
        if tag == "$ellipsis":
            return Ellipsis
        if tag == "$tuple":
            return tuple(self.decode(item, d) for item in _list(body))
        if tag == "$set":
            items = [self.decode(item, d) for item in _list(body)]
            return frozenset(items) if data.get("frozen") else set(items)
        if tag == "$dict":
            return {self.decode(k, d): self.decode(v, d) for k, v in _list(body)}
        if tag == "$bytes":
            return _unb64(body)
        if tag == "$range":
            start, stop, step = (int(x) for x in body)
            return range(start, stop, step)
        if tag == "$namespace":
            attributes = self.decode(body, d)
            if not isinstance(attributes, dict) or not all(isinstance(k, str) for k in attributes):
                raise WireError("invalid namespace")
            return types.SimpleNamespace(**attributes)
        if tag == "$npscalar":
            dtype = _dtype(body[0])
            return np.frombuffer(_unb64(body[1]), dtype=dtype, count=1)[0]
        if tag == "$ndarray":
            dtype, shape = _dtype(body[0]), tuple(int(n) for n in body[1])
            raw = _unb64(body[2])
            return np.frombuffer(raw, dtype=dtype).reshape(shape).copy()
        if tag == "$objarray":
            shape = tuple(int(n) for n in body[0])
            items = [self.decode(item, d) for item in _list(body[1])]
            array = np.empty(len(items), dtype=object)
            array[:] = items if items else []
            return array.reshape(shape)
        if tag == "$pd":
            return self._pandas(_list(body), d)
        if tag == "$keras":
            if not self.keras_models:
                raise WireError("Keras models are not accepted here")
            return _load_keras(_unb64(body))
        if tag == "$function":
            module, qualname = (str(x) for x in _list(body))
            if not module.startswith(_IMPORTABLE):
                raise WireError(f"functions of {module} do not cross")
            target: Any = importlib.import_module(module)
            for part in qualname.split("."):
                target = getattr(target, part)
            return target
        if tag == "$ref":
            if self.proxy is None:
                raise WireError("references are not accepted here")
            return self.proxy(body)
        if tag == "$opaque":
            type_name, text = (str(x) for x in _list(body))
            return opaque(type_name[:200], text[:200])
        raise WireError(f"unknown tag {tag!r}")

    def _pandas(self, body: list, d: int) -> Any:
        import pandas as pd

        kind = body[0]
        if kind == "na":
            return pd.NA
        if kind == "nat":
            return pd.NaT
        if kind == "timestamp":
            return pd.Timestamp(str(body[1]))
        if kind == "timedelta":
            return pd.Timedelta(int(body[1]))
        if kind == "range":
            return pd.RangeIndex(int(body[1]), int(body[2]), int(body[3]), name=self.decode(body[4], d))
        if kind == "multi":
            return pd.MultiIndex.from_tuples(self.decode(body[1], d), names=self.decode(body[2], d))
        if kind == "index":
            return pd.Index(self._values(body[1], d), name=self.decode(body[2], d))
        if kind == "series":
            return pd.Series(self._values(body[1], d), index=self.decode(body[2], d), name=self.decode(body[3], d))
        if kind == "frame":
            columns = self.decode(body[2], d)
            index = self.decode(body[3], d)
            data = {i: self._values(column, d) for i, column in enumerate(_list(body[1]))}
            frame = pd.DataFrame(data, index=index)
            frame.columns = columns
            return frame
        raise WireError(f"unknown pandas kind {kind!r}")

    def _values(self, body: Any, d: int) -> Any:
        import pandas as pd

        body = _list(body)
        if body[0] == "category":
            categories, codes, ordered = self.decode(body[1], d), self.decode(body[2], d), bool(body[3])
            return pd.Categorical.from_codes(codes, categories=categories, ordered=ordered)
        values = self.decode(body[1], d)
        dtype = str(body[0])
        if dtype == "object" or isinstance(values, np.ndarray) and str(values.dtype) == dtype:
            return values
        return pd.array(values, dtype=dtype)


def _list(body: Any) -> list:
    if not isinstance(body, list):
        raise WireError("expected a list")
    return body


def _dtype(text: Any) -> np.dtype:
    dtype = np.dtype(str(text))
    if dtype.kind not in _ARRAY_KINDS or dtype.hasobject:
        raise WireError(f"dtype {text} does not cross")
    return dtype


def _load_keras(data: bytes) -> Any:
    import os
    import tempfile

    import warnings

    import keras

    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "model.keras")
        with open(path, "wb") as handle:
            handle.write(data)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # "Skipping variable loading for optimizer"
            return keras.saving.load_model(path, safe_mode=True)


# ---------------------------------------------------------------------------
# Messages over a socket: a 4-byte big-endian length, then UTF-8 JSON
# ---------------------------------------------------------------------------

MAX_MESSAGE_BYTES = 256 * 1024 * 1024


def send_message(connection: Any, message: Any) -> None:
    import json

    payload = json.dumps(message, ensure_ascii=False, allow_nan=False).encode("utf-8")
    if len(payload) > MAX_MESSAGE_BYTES:
        raise WireError(f"message of {len(payload)} bytes is over the limit")
    connection.sendall(len(payload).to_bytes(4, "big") + payload)


def receive_message(connection: Any, limit: int = MAX_MESSAGE_BYTES) -> Any:
    """The next message; ``EOFError`` when the other side closed the connection."""
    import json

    size = int.from_bytes(_receive_exactly(connection, 4), "big")
    if size > limit:
        raise WireError(f"message of {size} bytes is over the limit")
    try:
        return json.loads(_receive_exactly(connection, size).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise WireError(f"not a valid message: {error}") from None


def _receive_exactly(connection: Any, size: int) -> bytes:
    chunks, missing = [], size
    while missing:
        chunk = connection.recv(min(missing, 1 << 20))
        if not chunk:
            raise EOFError("connection closed")
        chunks.append(chunk)
        missing -= len(chunk)
    return b"".join(chunks)
