"""fontfile: the lazily read format-12 cmap is the same mapping as the full expansion of its
groups (issue 8)."""
from __future__ import annotations

from struct import unpack_from

from layout.fonts import fontfile
from tests.kit.paths import ROOT


def test_format_12_cmap_as_the_full_expansion():
    ff = fontfile.open_face(ROOT / "fonts" / "song-regular.ttf")
    assert isinstance(ff.cmap, fontfile.Groups)
    with open(ff.path, "rb") as f:
        data = f.read()
    o, _ = ff.tables["cmap"]
    full = {}
    (n,) = unpack_from(">H", data, o + 2)
    for i in range(n):
        _, _, off = unpack_from(">HHL", data, o + 4 + 8 * i)
        if unpack_from(">H", data, o + off)[0] == 12:
            (groups,) = unpack_from(">L", data, o + off + 12)
            for k in range(groups):
                s, e, g = unpack_from(">3L", data, o + off + 16 + 12 * k)
                full.update(zip(range(s, e + 1), range(g, g + e - s + 1)))
            break
    assert dict(ff.cmap) == full and len(ff.cmap) == len(full)
    assert ff.cmap.get(0x10FFFF) is None and 0x10FFFF not in ff.cmap
