"""Tests for layout.chars: the character classes against the rules file, and the tokeniser."""
from layout.compose import chars
from layout.compose.chars import (
    FIXED,
    HAN,
    LATIN,
    MARK,
    SPACE,
    Unit,
    blank_halves,
    may_break,
    tokenize,
)


def _units(text, **kw):
    return [(text[u.start:u.end], u.kind) for u in tokenize(text, **kw)]


# --- the sets, as listed in typesetting-rules.md §1 ------------------------------------------------
def test_clreq_prohibition_rules_line_start_gb_level_set():
    for c in "。，、；：？！．‼⁇⁈⁉" "”’）〕】］｝》〉」』〗" "–—～~·／/" ",.;:?!)]}":
        assert c in chars.NO_LINE_START, c
    assert "…" in chars.NO_LINE_START          # strict level: …… never starts a line


def test_clreq_prohibition_rules_line_end_gb_level_set():
    for c in "“‘（〔【［｛《〈「『〖([{/／¥$€£":
        assert c in chars.NO_LINE_END, c
    assert not (chars.NO_LINE_END & set("，。”）"))


def test_clreq_punctuation_width_adjustment_blank_halves():
    for c in "，。、：；？！”’）》〉」』】〕］":
        assert blank_halves(c) == (0.0, 0.5), c
    for c in "“‘（《〈「『【〔［":
        assert blank_halves(c) == (0.5, 0.0), c
    for c in "—…·／–中a":
        assert blank_halves(c) == (0.0, 0.0), c


def test_char_predicates():
    assert chars.is_han("中") and chars.is_han("〇") and chars.is_han("\U0002C317")
    assert not chars.is_han("，") and not chars.is_han("a")
    assert chars.is_latin("a") and chars.is_latin("7") and chars.is_latin("%")
    assert not chars.is_latin("·") and not chars.is_latin("中") and not chars.is_latin(" ")
    assert chars.is_digit("0") and not chars.is_digit("a")


# --- tokeniser: unbreakable sequences, rules file §1 ----------------------------------------------
def test_gb_15834_5_1_4_and_5_1_5_dash_and_ellipsis_are_one_unit():
    assert _units("中——文……字") == [("中", HAN), ("——", FIXED), ("文", HAN), ("……", FIXED),
                                     ("字", HAN)]
    assert _units("…………") == [("…………", FIXED)]           # two ellipses together: one 4-em unit


def test_gb_15835_numbers_stay_whole():
    assert _units("约1,000人") == [("约", HAN), ("1,000", LATIN), ("人", HAN)]
    assert _units("为3.14%") == [("为", HAN), ("3.14%", LATIN)]
    assert _units("降3‰，25℃，30°") == [("降", HAN), ("3‰", LATIN), ("，", MARK), ("25℃", LATIN),
                                       ("，", MARK), ("30°", LATIN)]
    assert _units("¥50、￥60、€7、$8、£9") == [
        ("¥50", LATIN), ("、", MARK), ("￥60", LATIN), ("、", MARK), ("€7", LATIN), ("、", MARK),
        ("$8", LATIN), ("、", MARK), ("£9", LATIN)]


def test_gb_15835_currency_sign_binds_forward_only():
    # ￥ is bound to the number after it (NO_LINE_END), not to a number before it.
    assert _units("20222022￥2022") == [("20222022", LATIN), ("￥2022", LATIN)]
    assert _units("25℃abc") == [("25℃", LATIN), ("abc", LATIN)]       # ℃ ends its number


def test_spans_match_units():
    text = "中——文 abc，1,000％"
    assert chars.spans(text) == [(u.start, u.end, u.kind) for u in tokenize(text)]


def test_gb_15835_suffix_without_number_is_a_symbol():
    assert _units("中℃") == [("中", HAN), ("℃", HAN)]
    assert _units("中￥") == [("中", HAN), ("￥", HAN)]


def test_number_with_latin_unit_is_a_style_switch():
    assert _units("跑50km路") == [("跑", HAN), ("50km", LATIN), ("路", HAN)]
    assert _units("跑50km路", bind_units=False) == [("跑", HAN), ("50", LATIN), ("km", LATIN),
                                                     ("路", HAN)]


def test_latin_words_and_spaces():
    assert _units("用 COVID-19 检测 and more") == [
        ("用", HAN), (" ", SPACE), ("COVID-19", LATIN), (" ", SPACE), ("检", HAN), ("测", HAN),
        (" ", SPACE), ("and", LATIN), (" ", SPACE), ("more", LATIN)]
    assert _units("\u3000\u3000中") == [("\u3000\u3000", SPACE), ("中", HAN)]


def test_marks_are_single_units():
    assert _units("“中”。") == [("“", MARK), ("中", HAN), ("”", MARK), ("。", MARK)]
    assert _units("中·文／字") == [("中", HAN), ("·", FIXED), ("文", HAN), ("／", FIXED), ("字", HAN)]


# --- break opportunities, clreq #prohibition_rules_for_line_start_end ----------------------------
def _pairs(text):
    us = [u for u in tokenize(text) if u.kind != SPACE]
    return [may_break(text, a, b) for a, b in zip(us, us[1:])]


def test_clreq_prohibition_breaks_between_han():
    assert _pairs("中文字") == [True, True]


def test_clreq_prohibition_no_break_before_closing_or_after_opening():
    assert _pairs("中，“文”。字") == [False, True, False, False, False, True]


def test_clreq_prohibition_strict_dash_ellipsis_no_line_start():
    assert _pairs("中——文……字") == [False, True, False, True]


def test_clreq_prohibition_solidus_neither_end():
    assert _pairs("甲／乙") == [False, False]


def test_break_at_latin_run_boundary_and_space():
    assert _pairs("中abc文") == [True, True]
    assert _pairs("ab cd") == [True]
    assert _pairs("ab ,") == [False]


def test_clreq_prohibition_no_break_at_no_break_space():
    # U+00A0 is a space (a unit of its own, not drawn) where no line may break.
    assert _pairs("ab\u00a0cd") == [False]
    assert _pairs("共5\u00a0km长") == [True, False, True]
    assert [u.kind for u in tokenize("5\u00a0km")] == [LATIN, SPACE, LATIN]


def test_unit_is_frozen():
    u = Unit(0, 1, HAN)
    try:
        u.start = 3
    except AttributeError:
        pass
    else:
        raise AssertionError("Unit must be frozen")


def test_grouped_spans_are_spans_with_han_runs_joined():
    # compose.prepare sets the rest of a run of URO Han at once, a break before each: true
    # only because no URO character is on a line-start or line-end list
    import random
    from layout.compose.chars import (HAN, HAN_RUN, NO_LINE_END, NO_LINE_START, grouped_spans,
                                      spans)
    assert not any("\u4e00" <= c <= "\u9fff" for c in NO_LINE_START | NO_LINE_END)
    rnd = random.Random(15)
    alphabet = "中文排版，。“”（）《》 abc12.%℃——……￥\u3000\u00a0"
    for _ in range(3000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 40)))
        for bind in (True, False):
            expanded = []
            for s, e, kind in grouped_spans(text, bind):
                if kind == HAN_RUN:
                    expanded += [(p, p + 1, HAN) for p in range(s, e)]
                else:
                    expanded.append((s, e, kind))
            assert expanded == spans(text, bind), text


def test_latin_runs_found_at_once_are_the_runs_found_a_character_at_a_time():
    """With bound units a Latin run is found by a regular expression (chars._LATIN_RUN), without
    them a character at a time: the class is is_latin on every code point, and the two agree on
    text where no letter follows a digit (the one place they differ by design: 50|km)."""
    import random
    assert all(bool(chars._LATIN_RUN.fullmatch(chr(o))) == chars.is_latin(chr(o))
               for o in range(0x30000) if not 0xD800 <= o <= 0xDFFF)
    alphabet = "中文abXY09 .,-/%‰℃％°¥$€￥\u2212·\u00a0。，（）“”—…～／：？！\u3000é\u02af\u02b0"
    rnd = random.Random(15)
    for _ in range(5000):
        t = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 30)))
        if any(a.isdigit() and b.isalpha() for a, b in zip(t, t[1:])):
            continue
        assert chars.spans(t, True) == chars.spans(t, False), t
