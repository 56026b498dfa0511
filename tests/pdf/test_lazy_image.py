"""pdf.writer keeps Pillow's Image module off the cold path with a stand-in; whoever imports
PIL.Image afterwards (pypdfium2 rendering a PNG preview of a page without pictures) must get
a working module, in a fresh process as `layout build --png` has."""
from __future__ import annotations

import subprocess
import sys

from tests.kit.paths import ROOT


def test_pil_image_after_the_writer_in_a_fresh_process():
    code = ("import layout.pdf.writer\n"
            "import PIL.Image\n"
            "print(PIL.Image.new('L', (2, 2)).size)\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "(2, 2)"
