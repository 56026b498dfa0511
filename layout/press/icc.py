"""Print production, the output profile: the ICC profile of the press the PDF is made for.

The output intent of a PDF/X file names the printing condition and embeds its CMYK output
profile (ISO 15930-1:2001, ISO 15930-7:2010: an output ("prtr") profile, colour space CMYK);
pictures are converted to the same profile (press.inks). The bundled profile is Ghostscript's
SWOP CMYK profile (icc/PROVENANCE.md); a paper sets its printer's own in `print: {profile:}`.

The bundled profile is read from its deflated copy (icc/default_cmyk.icc.deflated, the bytes
the PDF's FlateDecode stream carries): compressing 187 KB took 7–19 ms of every cold build,
inflating it takes ~1 ms. A paper's own profile is compressed once per file version and
process.
"""
from __future__ import annotations

import functools
import os
import struct
import zlib
from pathlib import Path
from typing import NamedTuple

from layout.errors import LayoutError

ICC_DIR = Path(os.environ.get("LAYOUT_ICC_DIR",
                              Path(__file__).resolve().parents[2] / "icc"))
DEFAULT_PROFILE = "default_cmyk.icc"
# Ghostscript's default CMYK profile describes itself as "Artifex CMYK SWOP Profile". SWOP's
# registered characterisation in the ICC registry is CGATS TR 001 (publication web offset
# on coated paper). No newsprint profile (IFRA26, CGATS TR 002/SNAP) with a licence that
# allows redistribution is packaged by Debian; icc/PROVENANCE.md has the reasoning. A paper
# that has its printer's profile sets `print: {profile: …, condition: …}`.
DEFAULT_CONDITION = "CGATS TR 001"
DEFAULT_CONDITION_TEXT = "SWOP (publication web offset, coated), Artifex CMYK SWOP Profile"



class ProfileError(LayoutError):
    pass


class Profile(NamedTuple):
    data: bytes
    description: str
    condition: str          # OutputConditionIdentifier
    info: str               # Info: human-readable
    deflated: bytes = b""   # `data` compressed, as the output intent's stream embeds it


def check_icc(data: bytes) -> str:
    """'' if `data` is a CMYK output profile usable as a PDF/X DestOutputProfile, else what
    is wrong (ICC.1 header: 'acsp' at 36, device class at 12, colour space at 16)."""
    if len(data) < 132 or data[36:40] != b"acsp":
        return "not an ICC profile"
    if data[16:20] != b"CMYK":
        return f"its colour space is {data[16:20].decode('latin1').strip()}, not CMYK"
    if data[12:16] != b"prtr":
        return (f"it is a '{data[12:16].decode('latin1')}' profile, not an output (prtr) "
                "profile")
    return ""


def check_icc_whole(data: bytes) -> str:
    """check_icc, then the whole profile as a colour engine reads it: its declared size, every
    tag inside the file, its MD5 profile ID when it has one (ICC.1:2010 §7.2.18: the profile
    with flags, intent and ID zeroed), and littleCMS (Pillow's ImageCms) building the RGB ->
    CMYK transform the pictures will use. '' if usable, else what is wrong. For an editor's
    own profile, at load: a damaged one was once embedded and only poppler complained."""
    why = check_icc(data)
    if why:
        return why
    (size, count) = struct.unpack_from(">L", data, 0)[0], struct.unpack_from(">L", data, 128)[0]
    if size != len(data):
        return f"its header says {size:,} bytes, the file has {len(data):,} (cut short?)"
    if 132 + 12 * count > len(data):
        return "its tag table runs past the end of the file"
    for i in range(count):
        sig, off, length = struct.unpack_from(">4sLL", data, 132 + 12 * i)
        if off + length > len(data):
            return f"its '{sig.decode('latin-1')}' tag runs past the end of the file"
    pid = data[84:100]
    if any(pid):
        import hashlib
        blank = data[:44] + b"\0" * 4 + data[48:64] + b"\0" * 4 + data[68:84] + b"\0" * 16 + data[100:]
        if hashlib.md5(blank).digest() != pid:
            return "its profile ID (an MD5 digest of the profile) does not match: it was changed or damaged"
    try:
        import io
        from PIL import ImageCms
        profile = ImageCms.ImageCmsProfile(io.BytesIO(data))
        ImageCms.buildTransform(ImageCms.createProfile("sRGB"), profile, "RGB", "CMYK")
    except Exception as e:       # littleCMS reports damage as PyCMSError or OSError
        return f"littleCMS cannot use it ({' '.join(str(e).split()) or type(e).__name__})"
    return ""


def _description(data: bytes) -> str:
    """The profile's description tag (ICC.1:2010 §9.2.41): textDescriptionType ('desc', ICC
    v2) or multiLocalizedUnicodeType ('mluc', v4, English first). Read here rather than with
    Pillow's ImageCms (~8 ms to import for one string); '' if there is none."""
    try:
        (count,) = struct.unpack_from(">L", data, 128)
        for i in range(count):
            sig, off, size = struct.unpack_from(">4sLL", data, 132 + 12 * i)
            if sig != b"desc":
                continue
            kind = data[off:off + 4]
            if kind == b"desc":
                (n,) = struct.unpack_from(">L", data, off + 8)
                return data[off + 12:off + 12 + n].split(b"\0")[0].decode("latin-1").strip()
            if kind == b"mluc":
                n, rec = struct.unpack_from(">LL", data, off + 8)
                texts = []
                for k in range(n):
                    lang, length, at = struct.unpack_from(">4sLL", data, off + 16 + rec * k)
                    text = data[off + at:off + at + length].decode("utf-16-be").strip("\0 ")
                    texts.append((not lang.startswith(b"en"), text))
                return min(texts)[1] if texts else ""
    except (struct.error, UnicodeDecodeError):   # a description is a nicety; check_icc decides
        pass
    return ""


def load_profile(path: str | Path | None = None, condition: str | None = None) -> Profile:
    """The output profile: the bundled one, or the paper's own (`print: profile:`)."""
    p = Path(path) if path else ICC_DIR / (DEFAULT_PROFILE + ".deflated")
    try:
        stamp = _stamp(p)
    except OSError as e:
        raise ProfileError(f"cannot read the ICC profile {p}: {e}")
    return _profile(str(p), *stamp, bool(path), condition)


@functools.lru_cache(maxsize=4)
def _profile(path: str, size: int, mtime: int, raw: bool, condition: str | None) -> Profile:
    """The profile of one file version, read and checked once in a warm process (its
    checks and description were 0.08 ms of every warm edit); a bad one raises each time."""
    p = Path(path)
    try:
        data, packed = _read(path, size, mtime, raw)
    except OSError as e:
        raise ProfileError(f"cannot read the ICC profile {p}: {e}")
    except zlib.error as e:
        raise ProfileError(f"{p.name}: not a deflated ICC profile ({e})")
    why = check_icc(data)
    if why:
        raise ProfileError(f"{p.name}: {why}")
    desc = _description(data) or p.stem
    if raw:
        return Profile(data, desc, condition or "Custom", desc, packed)
    return Profile(data, desc, condition or DEFAULT_CONDITION, DEFAULT_CONDITION_TEXT, packed)


def _stamp(p: Path) -> tuple[int, int]:
    st = p.stat()
    return st.st_size, st.st_mtime_ns


@functools.lru_cache(maxsize=4)
def _read(path: str, size: int, mtime: int, raw: bool) -> tuple[bytes, bytes]:
    """A profile's bytes and their deflated form, read (and compressed, or inflated) once
    per file version in a warm process. `raw`: the file is the profile itself, else its
    deflated copy."""
    data = Path(path).read_bytes()
    if raw:
        return data, zlib.compress(data)
    return zlib.decompress(data), data
