"""Print production, the pictures: each raster item's pixels made ready for the press — the
crop layout chose, down-sampled to the pixels it chose (page.pictures), converted to the
output profile's CMYK (or to gray) by littleCMS, the ink capped, encoded. The writer embeds
the bytes as they are.

Every kind of file comes out right or is refused with its file:line:column (never a silent
white or black picture):

- 8-bit gray, RGB, CMYK, LAB, YCbCr, HSV; palette (P) through its RGB(A) colours;
- 16-bit gray (`I;16`) and 16-bit PNG (`I`) scaled 65535 → 255 (÷ 257), not clipped (a clip
  made a 31 % gray print as paper white); 16-bit RGB and CMYK TIFFs Pillow reads as 8-bit;
- 32-bit float gray (`F`) in the 0–1 range every float-writing program uses (× 255); a float
  file outside 0–1 is refused with the range found (it is not a picture's tone scale);
- alpha (LA, RGBA, PA, premultiplied La/RGBa) flattened onto paper white (PDF/X-1a has no
  transparency, ISO 15930-1:2001);
- colour: RGB from its embedded profile (else sRGB), LAB from CIELAB D50, CMYK from its
  embedded profile when it differs from the output one (else taken as already for this
  press) → the output profile's CMYK, perceptual intent for photos, relative colorimetric
  for ads and logos (ICC.1:2010, rendering intents), total ink capped (press.inks.limit_ink).
  Gray pages: every colour through CIELAB to its L* (perceptual lightness) as the gray.
- the EXIF orientation applied (a phone photo stands as it was taken).

Down-sampling happens on the decoded file before any conversion, so littleCMS works on the
printed pixels only: a JPEG is decoded at 1/2, 1/4 or 1/8 scale when that still gives the
pixels needed (libjpeg's DCT scaling, Image.draft), the rest is Lanczos-resampled from the
crop box (Image.resize with box=, no copy of the crop). The loader has refused files over
the pixel limit before they get here.

Photos are embedded as JPEG (quality 90: at ≤ 300 ppi on newsprint no loss can be seen, and
a file a tenth of the raw size); ads and logos, which carry type and line art, losslessly
(Flate). The same input gives the same bytes (libjpeg and zlib are deterministic).
"""
from __future__ import annotations

import functools
import io
import math
import os
import zlib

from layout.errors import Diagnostic, InputError
from layout.issue.sources import no_pillow_bomb_check, orientation
from layout.press.inks import INK_LIMIT, limit_ink

JPEG_QUALITY = 90
FLOAT_SLACK = 1e-3          # float pixels a hair outside 0–1 are rounding, not a range
# EXIF orientation (TIFF tag 274) -> the Pillow transpose that makes the image upright
_UPRIGHT = {2: "FLIP_LEFT_RIGHT", 3: "ROTATE_180", 4: "FLIP_TOP_BOTTOM", 5: "TRANSPOSE",
            6: "ROTATE_270", 7: "TRANSVERSE", 8: "ROTATE_90"}


class PictureError(Exception):
    """A picture file that cannot be made ready for the press (damaged, an unknown range)."""

    def __init__(self, message: str, hint: str):
        super().__init__(message)
        self.message, self.hint = message, hint


def develop_pages(pages, profile: bytes, gray: bool):
    """Every raster item of every page with its `data` filled (module docstring); all the
    problems found, each at the file's line in the issue, raised at once (InputError)."""
    from layout.page.items import Image
    problems: list[Diagnostic] = []
    out = []
    for page in pages:
        items, developed = [], False
        for it in page.items:
            if isinstance(it, Image) and it.source is not None and not it.data:
                try:
                    data, enc = develop(it, profile, gray)
                    it = it._replace(data=data, encoding=enc)
                    developed = True
                except PictureError as e:
                    w = it.source.where
                    problems.append(Diagnostic(w.path, w.line, w.column,
                                               f"'{it.owner}': {e.message}", e.hint))
            items.append(it)
        # a page without a picture to develop is kept (not copied item by item)
        out.append(page._replace(items=tuple(items)) if developed else page)
    if problems:
        raise InputError(problems)
    return out


def develop(item, profile: bytes, gray: bool) -> tuple[bytes, str]:
    """(encoded bytes, "Filter/ColorSpace") of one Image item; cached by the file's version
    and every decision, so a warm rebuild reuses the pictures that did not change."""
    src = item.source
    st = os.stat(src.path)
    return _develop(src.path, (st.st_size, st.st_mtime_ns),
                    (src.orientation, item.crop, item.px, item.kind), profile, gray)


@functools.lru_cache(maxsize=32)
def _develop(path: str, stamp: tuple, decisions: tuple, profile: bytes,
             gray: bool) -> tuple[bytes, str]:
    """`stamp`: the file's size and mtime (a changed file is developed again); `decisions`:
    its EXIF orientation, the crop, the pixels and the kind layout chose."""
    orientation, crop, px, kind = decisions
    im, icc = _decode(path, orientation, crop, px)
    im = _press_ready(im, icc, profile, gray, kind)
    space = "DeviceGray" if im.mode == "L" else "DeviceCMYK"
    if kind == "photo":
        buf = io.BytesIO()
        im.save(buf, "JPEG", quality=JPEG_QUALITY, optimize=False)
        return buf.getvalue(), f"DCTDecode/{space}"
    return zlib.compress(im.tobytes(), 6), f"FlateDecode/{space}"


def _raw_box(crop, orientation: int, w: int, h: int):
    """The crop (in the upright image's pixels) in the stored image's pixels; w, h: the
    stored size."""
    x0, y0, x1, y1 = crop
    if orientation in (5, 6, 7, 8):
        W, H = h, w           # upright size
    else:
        W, H = w, h
    pts = [(x0, y0), (x1, y1)]
    mapped = [_to_raw(x, y, orientation, W, H) for x, y in pts]
    xs, ys = [p[0] for p in mapped], [p[1] for p in mapped]
    return (min(xs), min(ys), max(xs), max(ys))


def _to_raw(x: float, y: float, o: int, W: float, H: float) -> tuple[float, float]:
    """A point of the upright image (W × H) in the stored image (EXIF orientation o)."""
    return {1: (x, y), 2: (W - x, y), 3: (W - x, H - y), 4: (x, H - y),
            5: (y, x), 6: (y, W - x), 7: (H - y, W - x), 8: (H - y, x)}[o]


def _decode(path: str, orientation: int, crop, px):
    """The crop of the file, upright, at `px` pixels, in a mode _press_ready knows; and the
    file's embedded ICC profile (or None)."""
    from PIL import Image
    quarter = orientation in (5, 6, 7, 8)
    tw, th = (px[1], px[0]) if quarter else px
    try:
        with no_pillow_bomb_check(), Image.open(path) as im:
            box = _raw_box(crop, orientation, *im.size)
            if im.format in ("JPEG", "MPO"):
                box = _draft(im, box, tw, th)
            im.load()
            icc = im.info.get("icc_profile")
            im = _normalised(im)
            im = im.resize((tw, th), Image.Resampling.LANCZOS, box=box, reducing_gap=3.0)
    except Exception as e:       # noqa: BLE001 — whatever a damaged file makes Pillow raise
        raise PictureError(f"{os.path.basename(path)} cannot be decoded ({type(e).__name__}: "
                           f"{e})", "the file is damaged or truncated: export it again") from None
    if orientation in _UPRIGHT:
        im = im.transpose(getattr(Image.Transpose, _UPRIGHT[orientation]))
    return _to_8bit(im, path), icc


def _draft(im, box, tw: int, th: int):
    """Let libjpeg decode at the smallest DCT scale (1/1 … 1/8) that still gives the crop at
    least its target pixels; returns the crop box in the decoded image's pixels."""
    bw, bh = box[2] - box[0], box[3] - box[1]
    scale = max(tw / bw, th / bh)
    w, h = im.size
    mode = {"YCbCr": "RGB"}.get(im.mode, im.mode)
    im.draft(mode, (math.ceil(w * scale), math.ceil(h * scale)))
    f = im.size[0] / w
    return tuple(v * f for v in box)


def _normalised(im):
    """A mode that resamples correctly: palette and bilevel images to their colours, HSV and
    YCbCr to RGB; 16-bit, 32-bit and float gray, LAB, CMYK and the alpha modes kept."""
    if im.mode in ("P", "PA"):
        return im.convert("RGBA")
    if im.mode == "1":
        return im.convert("L")
    if im.mode in ("HSV", "YCbCr", "RGBX"):
        return im.convert("RGB")
    if im.mode.startswith("I;16") and im.mode != "I;16":
        return im.convert("I")      # I;16 itself resamples as it is (half the memory of I)
    return im


def _to_8bit(im, path: str):
    """16-bit gray to 8 bits by ÷ 257; float gray by × 255 when it lies in 0–1."""
    if im.mode == "I;16":
        im = im.convert("I")
    if im.mode == "I":
        lo, hi = im.getextrema()
        if lo < 0 or hi > 65535:
            raise PictureError(f"{os.path.basename(path)}: integer gray values {lo}–{hi} "
                               "are outside the 16-bit range", "save it as 8- or 16-bit gray")
        return im.point(lambda v: v / 257 + 0.5).convert("L")
    if im.mode == "F":
        lo, hi = im.getextrema()
        if lo < -FLOAT_SLACK or hi > 1 + FLOAT_SLACK or math.isnan(lo) or math.isnan(hi):
            raise PictureError(f"{os.path.basename(path)}: float gray values {lo:g}–{hi:g} "
                               "are not in the 0–1 range of a picture",
                               "save it as 32-bit float in 0–1, or as 8- or 16-bit gray")
        return im.point(lambda v: v * 255 + 0.5).convert("L")
    return im


def _flatten(im):
    """Alpha flattened onto paper white (premultiplied modes first made straight)."""
    from PIL import Image
    if im.mode in ("La", "RGBa"):
        im = im.convert(im.mode[:-1] + "A")
    if im.mode in ("LA", "RGBA"):
        base = im.mode[:-1]
        paper = Image.new(base, im.size, 255 if base == "L" else (255, 255, 255))
        paper.paste(im.convert(base), mask=im.getchannel("A"))
        return paper
    return im


@functools.lru_cache(maxsize=16)
def _transform(src_icc: bytes | None, src_kind: str, dst_icc: bytes, modes: tuple[str, str],
               intent: int):
    """A littleCMS transform from a source space (its embedded profile, else sRGB or CIELAB
    D50) to the output profile (mode_out CMYK) or to CIELAB (mode_out LAB: the gray page's
    lightness)."""
    from PIL import ImageCms
    mode_in, mode_out = modes
    if src_icc:
        src = ImageCms.ImageCmsProfile(io.BytesIO(src_icc))
    elif src_kind == "CMYK":
        src = ImageCms.ImageCmsProfile(io.BytesIO(dst_icc))
    else:
        src = ImageCms.createProfile("LAB" if src_kind == "LAB" else "sRGB")
    dst = (ImageCms.createProfile("LAB") if mode_out == "LAB"
           else ImageCms.ImageCmsProfile(io.BytesIO(dst_icc)))
    return ImageCms.buildTransform(src, dst, mode_in, mode_out, renderingIntent=intent)


def _convert(im, icc: bytes | None, profile: bytes, mode_out: str, intent: int):
    from PIL import ImageCms
    try:
        t = _transform(icc, im.mode, profile, (im.mode, mode_out), intent)
    except (ImageCms.PyCMSError, OSError, ValueError):      # an unusable embedded profile
        t = _transform(None, im.mode, profile, (im.mode, mode_out), intent)
    return ImageCms.applyTransform(im, t)


def _press_ready(im, icc: bytes | None, profile: bytes, gray: bool, kind: str):
    """CMYK (ink-limited) or gray for the press (module docstring)."""
    from PIL import ImageCms
    im = _flatten(im)
    intent = (ImageCms.Intent.PERCEPTUAL if kind == "photo"
              else ImageCms.Intent.RELATIVE_COLORIMETRIC)
    if icc and _icc_space(icc) != im.mode:      # a profile for another space: not this one's
        icc = None
    if im.mode == "L":
        return im
    if gray:
        lab = im if im.mode == "LAB" else _convert(im, icc, profile, "LAB", intent)
        return lab.getchannel("L")              # L* 0–100 as 0–255: lightness as gray
    if im.mode == "CMYK" and (not icc or icc == profile):
        return limit_ink(im, INK_LIMIT)         # already this press's CMYK
    return limit_ink(_convert(im, icc, profile, "CMYK", intent), INK_LIMIT)


def _icc_space(icc: bytes) -> str:
    """The Pillow mode of an ICC profile's data colour space (ICC.1 header, bytes 16–19)."""
    return {b"RGB ": "RGB", b"CMYK": "CMYK", b"GRAY": "L", b"Lab ": "LAB"}.get(icc[16:20], "")


def press_image(path: str, profile: bytes, gray: bool, ink_limit: float = INK_LIMIT):
    """The whole picture file as a Pillow image, CMYK (ink-limited) or L, at its own size:
    the pipeline of `develop` without crop or down-sampling (tests, tools)."""
    from PIL import Image
    with no_pillow_bomb_check(), Image.open(path) as im:
        size, o = im.size, orientation(im)
    if o in (5, 6, 7, 8):
        size = size[::-1]
    im, icc = _decode(path, o, (0, 0, *size), size)
    return _press_ready(im, icc, profile, gray, "photo")
