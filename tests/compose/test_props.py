"""Property tests of layout.compose (hypothesis) over generated text mixing Han, every mark of
the rules file's lists, digits, Latin words, long numbers, URLs and spaces, at measures of
5–30 em.

For every paragraph: no line starts with a NO_LINE_START mark or ends with a NO_LINE_END mark;
no unbreakable sequence is split — except where docs/typesetting-rules.md §1.6 allows: inside a
Latin run after one of / . - _ ? & = followed by a letter or digit (a soft point, no hyphen
added); at a point the en_US hyphenation dictionary allows in a word (pyphen, two letters
before and three after, never in a word of capitals only or with a digit), with an added
hyphen; and, as a last resort, inside a chain that cannot be set whole on a full line. In
every case: no word is split without a hyphen (the added hyphen ends exactly the lines that end
between two letters) and a hyphen at a point the dictionary refuses is only ever the last
resort; the added hyphen is not in ``Line.text``; every non-final line ends within 0.01 pt of
the measure unless it has no point where space may be added (a unit boundary, or two adjacent
Latin letters/digits to letter-space); no line is wider than the measure; no ink overlaps; the
lines re-join to the input.

The rules are restated here from typesetting-rules.md (the sets below), independently of
layout.compose.chars and layout.compose.hyphenate. Default 200 examples;
HYPOTHESIS_EXAMPLES=5000 for a long run.
"""
import os
import string

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from layout.compose import ONE_LINE, Run, Settings, compose_paragraph, set_line
from layout.compose.chars import tokenize
from tests.kit.fontkit import EM, metrics  # noqa: F401  (the shared fixture)

N_EXAMPLES = int(os.environ.get("HYPOTHESIS_EXAMPLES", "200"))

HANS = "中文排版测试国家人民科学技术"
NLS = set("。，、；：？！．‼⁇⁈⁉”’）〕】］｝》〉」』〗–—～~·‧・/／…,.;:?!)]}")
NLE = set("“‘（〔【［｛《〈「『〖([{/／¥$€£￥")
OPENING = set("“‘（〔【［｛《〈「『〖")
MARKS = sorted((NLS | NLE | set("“”‘’")) - set(",.;:?!)]}([{~/$"))
NUMBERS = ["2022", "3.14", "1,000", "50%", "¥30", "25℃", "3‰", "30°", "50km", "$5", "€9", "£1"]
LATIN_RUN = set(string.ascii_letters + string.digits + ".,%‰°¥$€£")
WIDE = set(HANS) | set(MARKS) | set("—…")


def _latin_glued(a, b):
    """Rules file §1: a Latin word / number with its separators, suffix and currency prefix."""
    return ((a in LATIN_RUN and b in LATIN_RUN) or (a.isdigit() and b in "℃％")
            or (a == "￥" and b.isdigit()))


def _glued(a, b, spaced):
    """No break may fall between a and b (rules file §1); ``spaced``: spaces between them."""
    return b in NLS or a in NLE or (not spaced and _latin_glued(a, b))


def _clean_latin_point(a, b):
    """A split inside a Latin/digit run, no prohibited mark either side (a solidus inside a
    URL or path may end a line: §1.6)."""
    return (_latin_glued(a, b) or (a == "/" and b in LATIN_RUN)) and (
        a not in NLE or a == "/") and b not in NLS


def _kinsoku_chain_em(text):
    """Natural width of the longest stretch glued by the line-start/-end lists alone (Latin
    runs count as breakable here): such a chain can only be set whole."""
    best = cur = 0.0
    prev = None
    spaced = False
    for c in text:
        if c == " ":
            spaced = prev is not None
            continue
        w = 1.0 if c in WIDE else 0.5
        cur = cur + w + 0.25 * (1 + spaced) if prev is not None and (c in NLS or prev in NLE) \
            else w
        best = max(best, cur)
        prev, spaced = c, False
    return best


token = st.one_of(
    st.text(alphabet=HANS, min_size=1, max_size=8),
    st.text(alphabet=HANS, min_size=1, max_size=8),
    st.text(alphabet=HANS, min_size=1, max_size=8),
    st.sampled_from(MARKS),
    st.sampled_from(MARKS),
    st.sampled_from(["——", "……"]),
    st.sampled_from(NUMBERS),
    st.text(alphabet=string.ascii_letters, min_size=1, max_size=7),
    st.just(" "),
    # long units, wider than narrow measures: numbers, words, a URL-like run
    st.text(alphabet=string.digits, min_size=8, max_size=40),
    st.text(alphabet=string.ascii_lowercase, min_size=10, max_size=50),
    st.builds(lambda a, b: f"www.{a}.org/{b}", st.text(string.ascii_lowercase, min_size=3,
                                                        max_size=20),
              st.text(string.ascii_lowercase + string.digits, min_size=1, max_size=20)),
)


@settings(max_examples=N_EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.filter_too_much])
@given(tokens=st.lists(token, min_size=1, max_size=40), measure_em=st.integers(5, 30),
       punct=st.sampled_from(["quanjiao", "quanjiao", "kaiming", "banjiao"]),
       indent=st.sampled_from([0.0, 2.0]))
# The examples that failed before ￥ bound forward only and the exception was made explicit:
@example(tokens=["2022", "2022", "￥", "2022", "·"], measure_em=9, punct="quanjiao", indent=2.0)
@example(tokens=["£", "2022", "￥", "2022", "——"], measure_em=9, punct="quanjiao", indent=2.0)
@example(tokens=["2022", "2022", "￥", "1,000"], measure_em=9, punct="quanjiao", indent=2.0)
@example(tokens=["中中", "1234567890123456789012345", "元整"], measure_em=5, punct="quanjiao",
         indent=2.0)
def test_property_lines_obey_the_rules(metrics, tokens, measure_em, punct, indent):
    text = "".join(tokens)
    assume(_kinsoku_chain_em(text) <= measure_em - 2.5)
    measure = measure_em * EM
    lines = compose_paragraph([Run(text, "song", EM)], measure, metrics, Settings(indent=indent, punct=punct))
    _check_lines(metrics, lines, text, measure, indent, punct=punct)


@settings(max_examples=N_EXAMPLES // 2, deadline=None)
@given(tokens=st.lists(token, min_size=1, max_size=40), measure_em=st.integers(5, 30),
       indent=st.sampled_from([0.0, 2.0]))
def test_property_pruned_search_finds_what_the_whole_programme_finds(metrics, tokens,
                                                                     measure_em, indent):
    # compose.totalfit skips the starts that cannot beat the first fit (or a guessed bound):
    # the lines it chooses are those of the programme that expands every start
    from layout.compose.linebreak import greedy
    from layout.compose.prepare import prepare
    from layout.compose.totalfit import total_fit
    G = prepare([Run("".join(tokens), "song", EM)], metrics, "quanjiao", True)
    assume(G.n > 0)
    G.lang = "en_US"
    first, _ = greedy(G, measure_em * EM, indent * EM)
    full = total_fit(G, measure_em * EM, indent * EM, first, prune=False)
    assert total_fit(G, measure_em * EM, indent * EM, first) == full


@settings(max_examples=N_EXAMPLES // 2, deadline=None,
          suppress_health_check=[HealthCheck.filter_too_much])
@given(head=st.text(alphabet=HANS, min_size=2, max_size=4), tokens=st.lists(token, max_size=30),
       cut=st.integers(0, 30), measure_em=st.integers(6, 30))
def test_property_runs_run_in_head_and_latin_face(metrics, head, tokens, cut, measure_em):
    rest = "".join(tokens)
    assume(_kinsoku_chain_em(head + rest) <= measure_em - 2.5)
    runs = [Run(head, "hei", EM, space_after=1.0), Run(rest[:cut], "song", EM, latin_face="lat"),
            Run(rest[cut:], "song", EM)]
    lines = compose_paragraph(runs, measure_em * EM, metrics, Settings(indent=2.0))
    # Runs in several faces: an emergency split is checked for its place, not re-measured (the
    # width checks re-set text in one face; the single-run property above does them).
    _check_lines(metrics, lines, head + rest, measure_em * EM, 2.0, head_len=len(head),
                 widths=False)


def _chain(src, i):
    """(start, end) of the chain of glued characters holding the boundary before src[i]."""
    s = i - 1
    while s > 0:
        j = s - 1
        while j >= 0 and src[j] == " ":
            j -= 1
        if j < 0 or not _glued(src[j], src[s], j < s - 1):
            break
        s = j
    e = i
    while True:
        j = e + 1
        while j < len(src) and src[j] == " ":
            j += 1
        if j >= len(src) or not _glued(src[e], src[j], j > e + 1):
            break
        e = j
    return s, e + 1


def _soft_point(src, i):
    """A soft break point before src[i] (§1.6): after / . - _ ? & = between ASCII letters or
    digits, not between two digits (3.14, 2024-01)."""
    if i < 2 or src[i - 1] not in "./-_?&=":
        return False
    a, c = src[i - 2], src[i]
    return (a.isascii() and a.isalnum() and c.isascii() and c.isalnum()
            and not (a.isdigit() and c.isdigit()) and _unit_at(src, i - 1) == _unit_at(src, i))


_DICT = None


def _dictionary_point(src, i):
    """pyphen's en_US dictionary allows a hyphen before src[i]: the letters around it are a part
    of a word (a Latin unit whose letters, punctuation at its ends set aside, hold no digit), not
    all capitals, with two letters before the point and three after it in the part."""
    global _DICT
    import pyphen
    if _DICT is None:
        _DICT = pyphen.Pyphen(lang="en_US")
    unit = _unit_at(src, i)
    k0, k1 = 0, len(unit)               # the marks and signs touching the word set aside
    while k0 < k1 and not unit[k0].isalnum():
        k0 += 1
    while k1 > k0 and not unit[k1 - 1].isalnum():
        k1 -= 1
    core = unit[k0:k1]
    if not core or not all(c.isalpha() or c in "-'’" for c in core):
        return False
    a = i
    while a > 0 and src[a - 1].isascii() and src[a - 1].isalpha():
        a -= 1
    b = i
    while b < len(src) and src[b].isascii() and src[b].isalpha():
        b += 1
    part = src[a:b]
    return (not part.isupper() and i - a >= 2 and b - i >= 3
            and (i - a) in _DICT.positions(part))


def _natural(metrics, text, punct):
    return set_line([Run(text, "song", EM)], 1000 * EM, metrics, ONE_LINE._replace(punct=punct)).width


HYPHEN = 0.5 * EM          # the test font's "-" (Latin ½ em) in the song face


def _unit_at(src, i):
    """The Latin unit (tokenizer) holding the boundary before src[i], as text."""
    for u in tokenize(src):
        if u.start < i < u.end:
            return src[u.start:u.end]
    return ""


def _word_split(src, i):
    """The split before src[i] is between two letters inside a Latin unit: a hyphen is added."""
    return src[i - 1].isalpha() and src[i].isalpha() and bool(_unit_at(src, i))


def _check_emergency(metrics, src, spans, k, measure, avail, punct, widths, line):
    """Line k ends inside a chain: only at a soft point or a dictionary point, or as the last
    resort inside a chain that cannot be set whole; never a word split without a hyphen."""
    s0, cur = spans[k]
    a, b = src[cur - 1], src[cur]
    assert _clean_latin_point(a, b), ("split not at a clean Latin point", a, b)
    assert line.hyphenated == _word_split(src, cur), ("hyphen", line.text)
    if _soft_point(src, cur) or (line.hyphenated and _dictionary_point(src, cur)):
        return
    # The last resort: the chain is wider than a full line, or than its line when it starts it.
    cs, ce = _chain(src, cur)
    if widths:
        chain_w = set_line([Run(src[cs:ce], "song", EM)], measure, metrics,
                           ONE_LINE._replace(punct=punct)).width
        room = avail if cs <= s0 else measure
        assert chain_w > room + 0.01, ("split without a soft or dictionary point",
                                       src[s0:cur], src[cs:ce])


def _check_lines(metrics, lines, text, measure, indent, head_len=0, punct="quanjiao",
                 widths=True):
    src = text.lstrip(" ")
    head_len = max(0, head_len - (len(text) - len(src)))
    if not src.strip():
        assert lines == ()
        return
    # Lines re-join to the input: each line's text is the next slice, only spaces between.
    cur = 0
    spans = []
    for k, l in enumerate(lines):
        cur += len(src[cur:]) - len(src[cur:].lstrip(" "))
        assert src.startswith(l.text, cur), (k, l.text)
        assert l.text and l.text[0] != " " and l.text[-1] != " "
        spans.append((cur, cur + len(l.text)))
        cur += len(l.text)
        assert l.is_last == (k == len(lines) - 1)
    assert src[cur:].strip(" ") == ""
    units = [u for u in tokenize(src) if u.kind != "space"]
    for k, l in enumerate(lines):
        avail = measure - (indent * EM if k == 0 else 0.0)
        s0, s1 = spans[k]
        if k + 1 < len(lines):
            nxt = spans[k + 1][0]
            # No unbreakable sequence split and no prohibited line edge (rules file §1), but for
            # the documented emergency split.
            if _glued(src[s1 - 1], src[nxt], nxt > s1):
                assert nxt == s1, ("break at a space that may not break", l.text)
                _check_emergency(metrics, src, spans, k, measure, avail, punct, widths, l)
        # clreq #prohibition_rules_for_line_start_end (first line: the paragraph's own start);
        # an emergency split is at a clean point, so this holds for it too.
        if k > 0:
            assert l.text[0] not in NLS, (k, l.text)
        if k < len(lines) - 1:           # (a URL's solidus at a soft point may end it)
            assert l.text[-1] not in NLE or _soft_point(src, s1), (k, l.text)
        # Widths: no line wider than the measure; a non-final justified line is flush whenever
        # it has a point where space may be added: a unit boundary, not after the run-in head,
        # not before a line-start mark (——/…… excepted) nor after an opening mark.
        assert l.width <= measure + 0.01
        points = []
        for u in units:
            if not s0 < u.start < s1 or (head_len and head_len <= u.start
                                          and not src[head_len:u.start].strip()):
                continue
            before = src[:u.start].rstrip(" ")[-1]
            c = src[u.start]
            if (c not in NLS or c in "—…") and before not in OPENING:
                points.append(u.start)
        letters = any(x in LATIN_RUN and y in LATIN_RUN for x, y in zip(l.text, l.text[1:]))
        if k < len(lines) - 1 and (points or letters):
            assert l.width == pytest.approx(measure, abs=0.01), (k, l.text, l.width)
        # Ink never overlaps and runs left to right; nothing left of 0 or past the width.
        left = (indent * EM if k == 0 else 0.0) - 0.01
        for g in l.glyphs:
            i0, i1 = metrics.ink(g.face, g.ch)
            if i1 <= i0:
                continue
            x0, x1 = g.x + i0 * g.size, g.x + i1 * g.size
            assert x0 >= left, (k, l.text, g)
            left = x1 - 0.01
        assert left <= l.width + 0.02
        assert "".join(g.ch for g in l.glyphs if not g.added) == l.text.replace(" ", "")
        assert all(not g.added for g in l.glyphs[:-1])
        if l.hyphenated:
            assert l.glyphs[-1].ch == "-" and k < len(lines) - 1


@settings(max_examples=60, deadline=None)
@given(text=st.text(alphabet=HANS + "，。“”《》", min_size=1, max_size=12),
       width_em=st.integers(12, 20), align=st.sampled_from(["start", "center", "end", "distribute"]))
def test_property_set_line_alignment(metrics, text, width_em, align):
    l = set_line([Run(text, "song", EM)], width_em * EM, metrics, ONE_LINE._replace(align=align))
    assert l.width <= width_em * EM + 0.01
    if align in ("end", "distribute") and len(l.glyphs) > 1 and text[-1] not in "“《":
        assert l.width == pytest.approx(width_em * EM, abs=0.01)
