"""A page's content stream deflated in pieces, so a warm process compresses again only the
pieces that changed.

The stream is cut after each run of one block's operators (pdf.writer draws a page block by
block). Each piece is deflated on its own — a raw deflate stream of its bytes ended with a
sync flush (RFC 1951: an empty stored block, which byte-aligns the output and ends no
stream) — and the pieces are joined into one zlib stream (RFC 1950): the header 78 9C, the
pieces in order, an empty final block with fixed codes (03 00) and the Adler-32 of the whole
stream, combined from the pieces' own. Any FlateDecode reader inflates it as one stream.

A piece's bytes depend only on its own text, so a cold build and a warm one write the same
bytes; the cost is the matches a piece cannot make into the ones before it (the sample
page's content: 16.5 KB deflated whole, ~19 KB in its 12 pieces).
"""
from __future__ import annotations

import zlib

HEADER = b"\x78\x9c"        # RFC 1950: deflate, 32 KB window, default compression
END = b"\x03\x00"           # RFC 1951 3.2.6: a final block of fixed codes holding only its end
_BASE = 65521               # RFC 1950 8.2: Adler-32's modulus


def adler32_combine(a1: int, a2: int, len2: int) -> int:
    """The Adler-32 of A + B from A's (a1), B's (a2, started at 1) and B's length (zlib's
    adler32_combine)."""
    rem = len2 % _BASE
    s1 = a1 & 0xFFFF
    s2 = rem * s1 % _BASE
    s1 = (s1 + (a2 & 0xFFFF) + _BASE - 1) % _BASE
    s2 = (s2 + (a1 >> 16) + (a2 >> 16) + _BASE - rem) % _BASE
    return (s2 << 16) | s1


def deflate_piece(data: bytes) -> bytes:
    """One piece: raw deflate at zlib's default level, ended with a sync flush."""
    co = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    return co.compress(data) + co.flush(zlib.Z_SYNC_FLUSH)


def cut(stream: str, runs: list[str]) -> list[str]:
    """`stream` cut after each of `runs` (its pieces of operators, found in order); the rest
    is the last piece. The pieces joined are the stream."""
    out, start = [], 0
    for run in runs:
        # found by its first 64 characters and then compared whole: str.find with a
        # needle of a whole block's operators (~10 KB) prepares the needle every time
        at = stream.find(run[:64], start)
        if at < 0 or not stream.startswith(run, at):
            at = stream.find(run, start)
        if at < 0:
            continue
        end = at + len(run)
        out.append(stream[start:end])
        start = end
    out.append(stream[start:])
    return out


class Pieces:
    """Deflated pieces by their text, those of this document and of the last one (a warm
    process keeps it in pdf.writer.PdfCache; older pieces are forgotten)."""

    def __init__(self) -> None:
        self.last: dict[str, tuple[bytes, int, int]] = {}
        self.now: dict[str, tuple[bytes, int, int]] = {}

    def start(self) -> "Pieces":
        self.last, self.now = self.now, {}
        return self

    def deflate(self, pieces: list[str]) -> bytes:
        """The zlib stream of the pieces joined, each piece deflated once while it stays."""
        parts, adler = [HEADER], 1
        for text in pieces:
            hit = self.now.get(text) or self.last.get(text)
            if hit is None:
                raw = text.encode("utf-8")
                hit = (deflate_piece(raw), zlib.adler32(raw), len(raw))
            self.now[text] = hit
            parts.append(hit[0])
            adler = adler32_combine(adler, hit[1], hit[2])
        parts.append(END + adler.to_bytes(4, "big"))
        return b"".join(parts)
