"""Make the sample issues' photos: rendered here from code (polygons, gradients, blur and film
grain with Pillow), so they are the project's own work, dedicated to the public domain (CC0;
issues/photos/LICENCE.md). Deterministic: the same script gives the same JPEGs.

    python scripts/make_sample_photos.py        writes issues/photos/*.jpg

- huichang.jpg  a meeting hall: red backdrop with a banner, a dais, rows of desks and heads
- kepu.jpg      a science-day fair on a square: sky, a planetarium dome, stalls, a crowd
- shanchuan.jpg mountains of western Sichuan at dawn, layered ridges and mist
"""
from __future__ import annotations

import math
import random
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter

OUT = Path(__file__).resolve().parents[1] / "issues" / "photos"
W, H = 1800, 1200


def _grain(im: Image.Image, amount: float, seed: int) -> Image.Image:
    """Film grain: Gaussian noise (Pillow's effect_noise is seeded by nothing, so the noise
    is drawn here from a seeded generator at a quarter size and scaled up)."""
    rnd = random.Random(seed)
    w, h = im.size[0] // 4, im.size[1] // 4
    noise = Image.new("L", (w, h))
    noise.putdata([max(0, min(255, int(rnd.gauss(128, 40)))) for _ in range(w * h)])
    noise = noise.resize(im.size, Image.Resampling.BILINEAR).convert("RGB")
    return Image.blend(im, ImageChops.overlay(im, noise), amount)


def _vertical(draw, box, top, bottom) -> None:
    x0, y0, x1, y1 = box
    for y in range(y0, y1):
        t = (y - y0) / max(1, y1 - y0 - 1)
        draw.line((x0, y, x1, y), fill=tuple(round(a + (b - a) * t) for a, b in zip(top, bottom)))


def huichang() -> Image.Image:
    rnd = random.Random(1)
    im = Image.new("RGB", (W, H))
    d = ImageDraw.Draw(im)
    _vertical(d, (0, 0, W, 560), (120, 12, 16), (170, 24, 28))          # red backdrop
    d.rectangle((260, 90, W - 260, 200), fill=(196, 36, 34))            # banner band
    for k in range(14):                                                  # banner characters
        x = 330 + k * 82
        d.rectangle((x, 118, x + 54, 172), fill=(250, 222, 120))
    d.rectangle((0, 520, W, 640), fill=(92, 56, 40))                     # dais front
    _vertical(d, (0, 640, W, H), (150, 120, 96), (90, 66, 50))           # floor
    for k in range(9):                                                   # people on the dais
        x = 180 + k * 170
        d.rectangle((x - 60, 470, x + 60, 530), fill=(236, 236, 232))   # their table
        d.ellipse((x - 22, 400, x + 22, 450), fill=(40, 30, 26))
        d.rectangle((x - 36, 446, x + 36, 480), fill=(30, 34, 44))
    for row in range(6):                                                 # rows of the hall
        y = 700 + row * 90
        scale = 1 + row * 0.22
        n = int(11 / scale * 1.6) + 6
        for k in range(n):
            x = (k + 0.5) * W / n + rnd.uniform(-8, 8)
            r = 20 * scale
            d.ellipse((x - r, y - r * 1.2, x + r, y + r * 0.9),
                      fill=(rnd.randint(20, 46), rnd.randint(16, 34), rnd.randint(14, 30)))
            d.rectangle((x - r * 1.9, y + r * 0.8, x + r * 1.9, y + r * 2.9),
                        fill=(rnd.randint(28, 60), rnd.randint(32, 62), rnd.randint(40, 80)))
        d.rectangle((0, y + 20 * scale * 2.4, W, y + 20 * scale * 3.2), fill=(238, 238, 232))
    im = im.filter(ImageFilter.GaussianBlur(1.6))
    return _grain(im, 0.18, 11)


def kepu() -> Image.Image:
    rnd = random.Random(2)
    im = Image.new("RGB", (W, H))
    d = ImageDraw.Draw(im)
    _vertical(d, (0, 0, W, 620), (92, 150, 214), (196, 220, 240))       # sky
    for k in range(5):                                                   # clouds
        cx, cy = rnd.randint(100, W - 100), rnd.randint(60, 300)
        for j in range(6):
            r = rnd.randint(40, 90)
            d.ellipse((cx + j * 50 - r, cy - r / 2, cx + j * 50 + r, cy + r / 2),
                      fill=(246, 248, 252))
    d.pieslice((980, 250, 1560, 830), 180, 360, fill=(214, 218, 226))   # planetarium dome
    d.rectangle((1010, 540, 1530, 640), fill=(190, 194, 204))
    _vertical(d, (0, 620, W, H), (168, 166, 160), (118, 116, 112))       # the square
    for k in range(7):                                                   # stalls (tents)
        x = 80 + k * 240
        colour = [(200, 40, 40), (40, 90, 180), (240, 240, 240), (230, 150, 30)][k % 4]
        d.polygon([(x, 640), (x + 100, 560), (x + 200, 640)], fill=colour)
        d.rectangle((x + 10, 640, x + 190, 720), fill=(250, 250, 246))
        d.rectangle((x + 20, 660, x + 180, 700), fill=(60, 120, 200))
    for k in range(160):                                                 # the crowd
        y = rnd.uniform(720, H - 40)
        s = 0.6 + (y - 720) / (H - 720) * 1.4
        x = rnd.uniform(0, W)
        body = (rnd.randint(30, 220), rnd.randint(30, 200), rnd.randint(30, 200))
        d.rectangle((x - 14 * s, y - 40 * s, x + 14 * s, y + 30 * s), fill=body)
        d.ellipse((x - 10 * s, y - 64 * s, x + 10 * s, y - 40 * s), fill=(44, 32, 26))
    im = im.filter(ImageFilter.GaussianBlur(1.2))
    return _grain(im, 0.15, 12)


def shanchuan() -> Image.Image:
    rnd = random.Random(3)
    im = Image.new("RGB", (W, H))
    d = ImageDraw.Draw(im)
    _vertical(d, (0, 0, W, H), (250, 196, 150), (120, 150, 190))       # dawn sky
    d.ellipse((1240, 250, 1360, 370), fill=(255, 236, 200))             # the sun
    ridges = [((196, 176, 190), 480), ((150, 140, 168), 600), ((104, 104, 136), 730),
              ((64, 74, 96), 860), ((34, 46, 56), 1000)]
    for n, (colour, base) in enumerate(ridges):
        pts, phase = [(0, H)], rnd.uniform(0, 6)
        for x in range(0, W + 20, 20):
            y = (base - 140 * math.sin(x / (260 + 90 * n) + phase) ** 2
                 - 60 * math.sin(x / 70 + phase * 2) * math.sin(x / 330) - rnd.uniform(0, 14))
            pts.append((x, y))
        pts.append((W, H))
        d.polygon(pts, fill=colour)
        if n < 3:                                                        # mist in the valleys
            mist = Image.new("L", (W, H), 0)
            ImageDraw.Draw(mist).rectangle((0, base - 30, W, base + 70), fill=90)
            im.paste((236, 226, 226), mask=mist.filter(ImageFilter.GaussianBlur(40)))
            d = ImageDraw.Draw(im)
    im = im.filter(ImageFilter.GaussianBlur(1.0))
    return _grain(im, 0.12, 13)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, make in (("huichang", huichang), ("kepu", kepu), ("shanchuan", shanchuan)):
        path = OUT / f"{name}.jpg"
        # 1800 × 1200 px: 300 ppi up to 152 × 102 mm, enough for any frame on the samples
        make().save(path, "JPEG", quality=85, optimize=True, dpi=(300, 300))
        print(f"wrote {path} ({path.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
