"""pdf.flate: a content stream deflated in pieces is one zlib stream of the same bytes, and a
piece is deflated once while its text stays the same."""
from __future__ import annotations

import random
import zlib

from layout.pdf import flate


def test_adler32_combine_is_the_adler32_of_the_joined_bytes():
    rng = random.Random(16)
    for _ in range(200):
        a = rng.randbytes(rng.randrange(0, 3000))
        b = rng.randbytes(rng.randrange(0, 70000))
        assert flate.adler32_combine(zlib.adler32(a), zlib.adler32(b), len(b)) == \
            zlib.adler32(a + b)


def test_pieces_inflate_to_the_stream_and_are_deflated_once():
    stream = "".join(f"q 1 0 0 1 {k} {k * 7 % 500} cm /P <</MCID {k}>> BDC EMC Q\n"
                     for k in range(3000))
    runs = [stream[k:k + 5000] for k in range(2000, len(stream) - 5000, 20000)]
    pieces = flate.cut(stream, runs)
    assert "".join(pieces) == stream and len(pieces) == len(runs) + 1
    memo = flate.Pieces()
    data = memo.start().deflate(pieces)
    assert zlib.decompress(data) == stream.encode()
    made = []
    real = flate.deflate_piece
    flate.deflate_piece = lambda b: made.append(b) or real(b)
    try:
        edited = pieces[:]
        edited[2] = edited[2].replace("BDC EMC", "BDC 0 0 0 1 k EMC", 1)
        again = memo.start().deflate(edited)
    finally:
        flate.deflate_piece = real
    assert zlib.decompress(again) == "".join(edited).encode()
    assert made == [edited[2].encode()]            # the one piece that changed
    assert again == flate.Pieces().deflate(edited)  # the bytes a fresh memo writes


def test_cut_with_no_runs_is_the_whole_stream():
    assert flate.cut("q Q\n", []) == ["q Q\n"]
    assert zlib.decompress(flate.Pieces().deflate([""])) == b""


def test_cut_finds_a_run_whose_beginning_comes_earlier_too():
    """A run is found where it stands whole, not where its first 64 characters first
    appear (they may begin an earlier run, or stand between runs)."""
    from layout.pdf.flate import cut
    head = "0 0 m 10 10 l S\n" * 8                    # > 64 characters, in both runs
    a, b = head + "BT /L1 9 Tf ET", head + "BT /L2 9 Tf ET"
    stream = "q\n" + head + "\n" + a + "\n" + b + "\nQ"
    pieces = cut(stream, [a, b])
    assert "".join(pieces) == stream
    assert pieces[0].endswith(a) and pieces[1] == "\n" + b and pieces[2] == "\nQ"
