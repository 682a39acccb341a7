"""A payload read as it is inflated: the plain text is never whole, a table's rows become columns as
each table ends.

``json.loads`` needs the whole text: for a county's largest bundle that is 100 MB of UTF-8 and 200 MB
of Python text beside the rows parsed from it. Here the gzip stream is inflated a piece at a time
(still refused the moment it passes its declared size), decoded as it comes, and parsed from a window
of text: the document, its ``tables`` list, each table and each ``rows`` list are walked here; every
value inside them (a row, a name, the digest) is parsed by the json module's own C scanner. The result
is what ``json.loads(text, object_pairs_hook=hook)`` gives for the same text, errors included (tests
hold the two side by side, the text cut at every place).
"""

from __future__ import annotations

import codecs
import json
import re
import zlib
from collections.abc import Callable, Iterator
from json.decoder import JSONDecodeError
from json.scanner import make_scanner
from typing import Any, cast

from app.sync.format import BundleError, check_depth, columns_hook

PIECE = 1 << 20  # text inflated and decoded at a time
INPUT = 1 << 16  # compressed bytes given to zlib at a time
_SPACE = re.compile(r"[ \t\n\r]*")
Hook = Callable[[list[tuple[str, Any]]], Any]


def inflate(compressed: bytes, declared: int, piece: int = PIECE) -> Iterator[bytes]:
    """gunzip ``compressed`` a piece at a time; refused once it passes ``declared`` bytes, and at the
    end unless the stream ended exactly there."""
    inflater = zlib.decompressobj(31)
    view = memoryview(compressed)
    total = 0
    for start in range(0, max(len(view), 1), INPUT):
        data: bytes | memoryview = view[start : start + INPUT]
        while data:
            if inflater.eof:
                raise BundleError("数据包内容不完整或带有多余数据")
            try:
                out = inflater.decompress(data, min(piece, declared + 1 - total))
            except zlib.error:
                raise BundleError("数据包内容无法解压：格式错误") from None
            total += len(out)
            if total > declared:
                raise BundleError("数据包解压后超过声明的大小，已拒绝（可能是恶意构造的文件）")
            if out:
                yield out
            data = inflater.unconsumed_tail
    if not inflater.eof or inflater.unused_data:
        raise BundleError("数据包内容不完整或带有多余数据")
    if total != declared:
        raise BundleError("数据包解压后的大小与头部声明不符")


def decode(pieces: Iterator[bytes]) -> Iterator[str]:
    """UTF-8 text, a piece at a time (a character cut between two pieces is put together)."""
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    try:
        for piece in pieces:
            yield decoder.decode(piece)
        yield decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        raise BundleError("数据包内容不是有效的数据（格式错误），已拒绝") from None


class _Window:
    """The text not parsed yet, pulled from ``pieces`` as the parse needs it."""

    def __init__(self, pieces: Iterator[str]) -> None:
        self.pieces = pieces
        self.text = ""
        self.at = 0
        self.ended = False

    def grow(self) -> None:
        """Let go of what has been parsed and take in at least as much text again (so that a long
        value is scanned a few times, not once per piece); at the end of the pieces, ``ended``."""
        tail = self.text[self.at :]
        wanted, taken = max(len(tail), 1), []
        for piece in self.pieces:
            taken.append(piece)
            wanted -= len(piece)
            if wanted <= 0:
                break
        else:
            self.ended = True
        self.text, self.at = tail + "".join(taken), 0

    def peek(self) -> str:
        """The next character that is not white space ("" at the end), the position moved to it."""
        while True:
            self.at = _SPACE.match(self.text, self.at).end()  # type: ignore[union-attr]
            if self.at < len(self.text):
                return self.text[self.at]
            if self.ended:
                return ""
            self.grow()

    def expect(self, what: str) -> None:
        if self.peek() != what:
            raise JSONDecodeError(f"Expecting {what!r} delimiter", self.text, self.at)
        self.at += 1

    def value(self, scan: Callable[[str, int], tuple[Any, int]]) -> Any:
        """The value starting here, by the C scanner; more text is taken in while it runs into the end
        (a number cut short parses too, so a value must end before the text does).

        No exception is kept across a retry: it would hold this frame and its text in a cycle, and
        the import runs with the cycle collector paused.
        """
        self.peek()
        while True:
            try:
                found, end = scan(self.text, self.at)
            except StopIteration as stop:  # no value starts there (nested too): certain once -Infinity fits
                if self.ended or stop.value + 9 <= len(self.text):
                    raise JSONDecodeError("Expecting value", self.text, stop.value) from None
            except JSONDecodeError:
                if self.ended:
                    raise
            else:
                if end < len(self.text) or self.ended:
                    self.at = end
                    return found
            self.grow()


Walker = Callable[[], Any]


class _Parser:
    """The payload's outer levels walked here: the document, ``tables``, each table, its ``rows``."""

    def __init__(self, pieces: Iterator[str], hook: Hook | None) -> None:
        self.window = _Window(pieces)
        self.hook = hook
        self.scan = cast(Any, make_scanner)(json.JSONDecoder(object_pairs_hook=hook))  # the C scanner

    def scanned(self) -> Any:
        return self.window.value(self.scan)

    def members(self, walkers: dict[str, Walker]) -> Any:
        """An object (after its "{"); a member named in ``walkers`` whose value is a list is walked by
        it, any other value goes to the scanner."""
        window, pairs = self.window, []
        if window.peek() == "}":
            window.at += 1
        else:
            while True:
                if window.peek() != '"':
                    raise JSONDecodeError(
                        "Expecting property name enclosed in double quotes", window.text, window.at
                    )
                key = self.scanned()
                window.expect(":")
                walker = walkers.get(key)
                if walker is not None and window.peek() == "[":
                    window.at += 1
                    pairs.append((key, walker()))
                else:
                    pairs.append((key, self.scanned()))
                if window.peek() == ",":
                    window.at += 1
                    continue
                window.expect("}")
                break
        return self.hook(pairs) if self.hook else dict(pairs)

    def items(self, each: Walker) -> list[Any]:
        """A list (after its "["), each item by ``each``."""
        window, found = self.window, list[Any]()
        if window.peek() == "]":
            window.at += 1
            return found
        while True:
            found.append(each())
            if window.peek() == ",":
                window.at += 1
                continue
            window.expect("]")
            return found

    def document(self) -> Any:
        window = self.window
        if window.peek() == "{":
            window.at += 1
            found = self.members({"tables": lambda: self.items(self.table)})
        else:
            found = self.scanned()  # not a payload: whatever it is, the reader refuses it
        if window.peek() != "":
            raise JSONDecodeError("Extra data", window.text, window.at)
        return found

    def table(self) -> Any:
        if self.window.peek() != "{":
            return self.scanned()
        self.window.at += 1
        return self.members({"rows": self.rows})

    def rows(self) -> list[Any]:
        """A table's rows (after the "["): those wholly in the text at hand in a tight loop, the one
        running into its end through the window."""
        window, scan, space = self.window, self.scan, _SPACE.match
        found: list[Any] = []
        append = found.append
        if window.peek() == "]":
            window.at += 1
            return found
        while True:
            text, at = window.text, window.at
            while True:
                try:
                    row, end = scan(text, at)
                except (StopIteration, JSONDecodeError):
                    break
                after = space(text, end).end()  # type: ignore[union-attr]
                if after >= len(text):
                    break  # its delimiter not in view yet
                append(row)
                if text[after] == ",":
                    at = space(text, after + 1).end()  # type: ignore[union-attr]
                    continue
                window.at = after
                window.expect("]")
                return found
            window.at = at
            append(window.value(scan))
            if window.peek() == ",":
                window.at += 1
                continue
            window.expect("]")
            return found


def parse(pieces: Iterator[str], hook: Hook | None = None) -> Any:
    """The document the text pieces make, as ``json.loads`` (with ``object_pairs_hook=hook``) gives it."""
    return _Parser(pieces, hook).document()


def read_payload(compressed: bytes, declared: int) -> dict[str, Any]:
    """A decrypted payload (gzip) read as it is inflated, with its tables' rows as columns: what
    ``format.parse_payload(inflated, columns=True)`` gives, the plain text never held whole."""
    try:
        doc = parse(decode(inflate(compressed, declared)), columns_hook)
    except RecursionError:
        raise BundleError("数据包内容嵌套过深，不是有效的数据包，已拒绝") from None
    except ValueError:  # also an integer of more than 4,300 digits
        raise BundleError("数据包内容不是有效的数据（格式错误），已拒绝") from None
    if not isinstance(doc, dict):
        raise BundleError("数据包内容结构错误，已拒绝")
    check_depth(doc)
    return doc
