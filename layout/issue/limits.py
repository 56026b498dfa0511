"""Limits on what one issue file may ask for, checked before the work they bound: the file's size
before it is read, values and nesting while the YAML is composed (an alias counts as every
value it repeats), pages, blocks and characters per story by counting, before anything is
composed. An input past a limit is refused with a positioned diagnostic in well under a second
and a few hundred MB at most (benchmarks/fuzz_inputs.py measures it), instead of running for
minutes and gigabytes: a 7 KB file of aliases once expanded to a million stories.

The defaults are far above any real issue (the broadsheet sample: 11 KB, ~300 values, depth 7,
8 blocks, its longest story 2,200 characters; a whole broadsheet page holds ~9,000 body
characters) and each can be raised for one run: LAYOUT_LIMITS="story_chars=200000,pages=500".
"""
from __future__ import annotations

import os
from typing import NamedTuple


class Limits(NamedTuple):
    file_bytes: int = 16_000_000    # the issue file, before it is read
    nodes: int = 200_000            # YAML values, aliases expanded (the sample: ~300)
    depth: int = 64                 # nesting of mappings and lists (the format needs 7)
    pages: int = 256                # pages (版) in one issue; a big daily has ~100
    blocks: int = 3_000             # stories + groups + pictures in the issue (~20 a page)
    story_chars: int = 50_000       # characters of one story's copy, 5 full broadsheet pages
    line_chars: int = 500           # a headline, name, caption … (the longest real headline
                                    # is ~60 characters; a 版名 ~6)
    diagnostics: int = 50           # problems printed in full; the rest are counted

    @classmethod
    def from_env(cls, text: str | None = None) -> "Limits":
        """The defaults, with any overrides from LAYOUT_LIMITS ("name=value,…"); an override
        that is not a known name with a positive whole number is ignored with a warning."""
        text = os.environ.get("LAYOUT_LIMITS", "") if text is None else text
        over = {}
        for item in filter(None, (s.strip() for s in text.split(","))):
            name, _, value = item.partition("=")
            name = name.strip()
            if name in cls._fields and value.strip().isdigit() and int(value) > 0:
                over[name] = int(value)
            else:
                import sys
                print(f"warning: LAYOUT_LIMITS: ignored '{item}' (limits are "
                      f"{', '.join(cls._fields)}, each =a positive whole number)", file=sys.stderr)
        return cls(**over)


def raise_hint(name: str) -> str:
    """How to raise the limit `name` for one run."""
    return f"if this is really meant, raise the limit: LAYOUT_LIMITS={name}=… layout build …"
