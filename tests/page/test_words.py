"""page.words and the display-text helpers of page.blocks: headlines, 小标题 and credits break
only between words (jieba), never inside an editor's {braces}; a typed line break is a break
(docs/typesetting-rules.md §4.6). Set with the test font, every Han character 1 em."""
from __future__ import annotations

import pytest

from layout.page import style
from layout.page.blocks import Ctx, balanced_lines, display_lines
from layout.page.formats import BROADSHEET as F
from layout.page.words import plain, unmark, word_breaks
from tests.kit.fontkit import TestMetrics, build_test_font

FACES = ("song", "song-heavy", "hei", "hei-regular", "kai", "latin")
HEAD = "四川省科学技术协会召开全省科普工作会议林晓雯出席并讲话"


@pytest.fixture(scope="module")
def ctx(tmp_path_factory):
    font = build_test_font(str(tmp_path_factory.mktemp("words") / "t.ttf"))
    return Ctx(F, TestMetrics({f: font for f in FACES}))


def test_braces_are_marks_not_text():
    assert unmark("{林晓雯}出席{四川省科协}会议") == ("林晓雯出席四川省科协会议", ((0, 3), (5, 10)))
    assert unmark("a{b") == ("a{b", ())            # a brace without its partner is text
    assert plain("召开会议{林晓雯}出席") == "召开会议林晓雯出席"


def test_word_breaks_are_word_starts_never_inside_braces():
    starts = word_breaks(HEAD)
    assert 0 in starts and 3 in starts                 # 四川省|科学技术…
    assert not {1, 2} & starts                         # never inside 四川省
    bound = word_breaks("四川省科学技术协会召开", ((0, 9),))
    assert not any(0 < k < 9 for k in bound)


def _cuts(lines) -> list[int]:
    out, pos = [], 0
    for ln in lines[:-1]:
        pos += len(ln.text)
        out.append(pos)
    return out


def test_headline_breaks_between_words_balanced(ctx):
    st = style.headline_style(3, None)
    measure = 13 * st.size                 # 13 em: the 27-character headline needs 3 lines
    lines = balanced_lines(HEAD, st, measure, ctx)
    assert "".join(ln.text for ln in lines) == HEAD and len(lines) == 3
    starts = word_breaks(HEAD)
    assert all(c in starts for c in _cuts(lines)), [ln.text for ln in lines]
    widths = [len(ln.text) for ln in lines]
    assert max(widths) - min(widths) <= 3              # balanced, not 13 + 13 + 1


def test_braces_hold_a_name_together(ctx):
    st = style.headline_style(3, None)
    text = "科普工作会议四川省科学技术协会召开"
    for em in range(9, 15):            # (narrower than the 9-em name, it must be split)
        lines = balanced_lines("科普工作会议{四川省科学技术协会}召开", st, em * st.size, ctx)
        assert "".join(ln.text for ln in lines) == text
        assert not any(6 < c < 15 for c in _cuts(lines)), (em, [ln.text for ln in lines])


def test_credit_and_title_break_between_words(ctx):
    lines = display_lines("（本栏目组稿：刘茂周玉琴张跃明）", style.BYLINE, 8 * F.body_size, ctx, "end")
    cuts = _cuts(lines)
    clean = "（本栏目组稿：刘茂周玉琴张跃明）"
    assert "".join(ln.text for ln in lines) == clean and cuts
    assert all(c in word_breaks(clean) for c in cuts)


def test_segmentation_is_jiebas_with_the_shipped_words(tmp_path):
    """page.words reproduces jieba's cut (HMM on) over the shipped word list, searched in
    place: the same words as jieba's own Tokenizer given the same list, on the samples'
    display text, names its HMM must find (刘茂周玉琴), Latin, digits and spaces."""
    import logging
    import sys

    import yaml

    from layout.page import words
    from tests.kit.paths import ROOT
    sys.modules.setdefault("pkg_resources", None)     # jieba's import of it is not needed
    import jieba
    jieba.setLogLevel(logging.WARNING)
    plain_list = tmp_path / "dict.txt"                 # jieba's format: no `total` line
    plain_list.write_bytes(words.WORDS.read_bytes().split(b"\n", 1)[1])
    tk = jieba.Tokenizer(dictionary=str(plain_list))
    texts = [HEAD, "（本栏目组稿：刘茂周玉琴张跃明）", "5G基站 建设提速 12.5%", "a\r\nb  c"]
    for name in ("sample-difang-kexie.yaml", "sample-composed.yaml"):
        doc = yaml.safe_load((ROOT / "issues" / name).read_text(encoding="utf-8"))
        for page in doc["pages"]:
            for s in page.get("stories") or ():
                texts += [unmark(s.get(k) or "")[0] for k in ("headline", "kicker", "deck")]
    assert len(texts) > 20
    for t in texts:
        assert list(words._cut(t)) == list(tk.cut(t, HMM=True)), t


def test_hmm_is_jiebas():
    """page.words' HMM (data/hmm.txt) cuts runs of characters no word covers as
    jieba.finalseg does: Han runs by their states, Latin, digits and decimals apart."""
    import random
    import sys

    from layout.page import words
    sys.modules.setdefault("pkg_resources", None)     # jieba's import of it is not needed
    from jieba import finalseg
    rnd = random.Random(7)
    chars = HEAD + "刘茂周玉琴张跃明晓雯∶丁ａ𠀀5G.%x 12"
    for _ in range(2000):
        t = "".join(rnd.choice(chars) for _ in range(rnd.randrange(1, 10)))
        assert list(words._hmm()(t)) == list(finalseg.cut(t)), t
