"""Benchmark: our page composer (layout.arrange) against OR-Tools CP-SAT on the same pages and
the same candidate shapes (issue 12: "a constraint solver (e.g. OR-Tools CP-SAT) or a search
you can show is better"). Prints figures, asserts nothing.

    pip install -e '.[bench]'          # ortools
    python3 benchmarks/compare_cpsat.py [--pages 32] [--limits 1,5,30] [--workers 1]
                                        [--also-workers 2:5] [--better 10] [--no-rules]
                                        [--only b1,t2] [--dump FILE.jsonl]

For every page (the generated pages of tests/kit/genpages.py, seeds 1…, broadsheet and tabloid
in turn, as benchmarks/bench_arrange.py takes them; and issues/sample-composed*.yaml):

1. ours: `layout.arrange.arrange_page`, timed (CPU and wall), with every block's candidate
   shapes recorded as the composer measures them (arrange.result._measure: spans × depths ×
   headline sizes × picture sizes, 破栏 and capped headline sizes when the composer reaches
   for them; each with its fit in the middle of the page and at its foot).
2. CP-SAT: the same shapes, modelled exactly (`Model`): each block picks one shape and a
   place (column, row); rectangles inside the grid, no overlap with each other or with the
   fixed blocks (AddNoOverlap2D), the shapes' area equal to the free area (so the free area is
   tiled exactly); a shape's foot fit only where its last row is the grid's, its middle fit
   elsewhere; redundant strip constraints (per column a 1-D no-overlap and the depths adding
   up to its free rows; per row the widths adding up to its free columns). The objective is
   our scorer's (arrange.score), every term: fit and size steps, rank → position (linear in
   row and column), and the pairwise terms — order, size, louder headline, hierarchy, 碰题
   (headlines within a row of each other across a column rule, more with equal sizes),
   photos — and the straight cuts, each paid through a half-reified Boolean that the
   minimisation keeps at 0 unless the page has the fault; scaled to integers (×SCALE).
   As our composer does (arrange.choose.best), the shapes that fill exactly are tried first,
   all shapes only when CP-SAT proves no exact tiling exists. Search: blocks placed top
   first, then left (a decision strategy; one worker runs it alone), presolve off (see
   Model._strategy for why). Runs: each time limit with 1 worker and a fixed seed; with 2
   workers; and one asked only for a page better than ours (an INFEASIBLE answer proves ours
   optimal over these shapes).
3. Both compositions scored by our full scorer (arrange.choose.score) and built with their
   places kept, the built page checked by tests/kit/pagerules.py (independent of the score).
   Printed per page and in total: full page (every block exactly filled, as measured) yes/no,
   cost by term (the pairs also by name), rules broken, time, whether CP-SAT's tiling is a
   slicing (guillotine) structure — ours always is when the free area is rectangles — and
   CP-SAT's proven lower bound.

Times: CPU seconds (time.process_time: the solver's threads included) and wall seconds; CP-SAT's
include building its models. Its limits are wall-clock: on a loaded machine it gets less CPU
than the limit (the CPU column says how much), and even with 1 worker and a fixed seed its
result at a limit varies between runs; `--dtime` uses CP-SAT's deterministic time instead
(reproducible; here 1 unit was about 4 CPU seconds).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from layout.arrange import needs  # noqa: E402
from layout.arrange import result as arr  # noqa: E402
from layout.arrange.choose import Setting, _exact_only, score  # noqa: E402
from layout.arrange.score import HEADED, Weights, rank_weight, shape_cost  # noqa: E402
from layout.arrange.slicing import Leaf  # noqa: E402
from layout.build import BuildOptions, build_loaded, load_stage  # noqa: E402
from layout.errors import LayoutError  # noqa: E402
from layout.page.blocks import Ctx  # noqa: E402
from tests.kit import genpages, pagerules  # noqa: E402

STRIPS = True        # the redundant exact strip constraints (Model._strips)
ROW_STRIPS = True    # … across every row too
SCALE = 10000         # objective units per cost point (costs are floats; CP-SAT's are integers)
HEAD = 100           # a headline's height in hundredths of a row (needs.head_top: fractions from centring)
TERMS = ("fit", "position", "pairs", "cuts")


# -- 1. ours, with the shapes it measures -----------------------------------------------------
class Page(NamedTuple):
    """One page as the composer sees it, and what the composer made of it."""
    name: str
    loaded: tuple          # (issue, normalisation report, fonts)
    index: int             # the page's index in the issue
    page: object           # issue.model.Page, `rows: auto` resolved, fixed pictures placed
    ctx: Ctx
    setting: Setting
    blocks: tuple          # needs.Block, every shape the composer measured, in rank order
    ours: object           # arrange.Arranged
    cpu: float             # arrange_page, CPU s
    wall: float
    measure_cpu: float     # of which measuring the shapes
    leaves: dict | None    # our composition (block id -> Leaf), as the composer chose it


class _Recorder:
    """arrange.result._measure wrapped: every block measured (all passes), and the CPU time."""

    def __init__(self):
        self.seen: dict[str, list] = {}
        self.cpu = 0.0
        self.real = arr._measure

    def __call__(self, *a, **k):
        c = time.process_time()
        blk = self.real(*a, **k)
        self.cpu += time.process_time() - c
        self.seen.setdefault(blk.id, []).append(blk)
        return blk

    def again(self, real):
        """arrange.result._flowed_again wrapped: the blocks measured again by flowing."""
        def wrapped(*a, **k):
            out = real(*a, **k)
            for blk in out.values():
                self.seen.setdefault(blk.id, []).append(blk)
            return out
        return wrapped

    def blocks(self) -> tuple:
        """One Block per id with every shape the composer measured for it, in any pass (a
        shape counted far from its exact fit and measured again by flowing appears with both
        fits: the composer saw both too)."""
        out = [b[0]._replace(alts=tuple(dict.fromkeys(a for x in b for a in x.alts)))
               for b in self.seen.values()]
        return tuple(sorted(out, key=lambda b: (b.order, b.id)))


def ours(name: str, path: Path) -> list[Page]:
    """Every page of the issue at `path` that the composer arranges, composed by it."""
    issue, report, fonts = load_stage(str(path))
    out = []
    for k, page in enumerate(issue.pages):
        if not arr.needs_arranging(page):
            continue
        rec = _Recorder()
        arr._measure = rec
        flowed = arr._flowed_again
        arr._flowed_again = rec.again(flowed)
        comps, best = [], arr.choose.best

        def kept(*a, **k):
            comps.append(best(*a, **k))
            return comps[-1]
        arr.choose.best = kept
        try:
            c, t = time.process_time(), time.perf_counter()
            done = arr.arrange_page(page, issue, fonts)
            cpu, wall = time.process_time() - c, time.perf_counter() - t
        finally:
            arr._measure, arr._flowed_again, arr.choose.best = rec.real, flowed, best
        if done.report is None:
            continue
        fmt = arr.page_format(page)
        ctx = Ctx(fmt, fonts, issue.style.punct)
        resolved = arr._own_pictures(arr._resolve_auto(page, ctx), ctx)
        boxes, fixed = arr._taken(resolved, fmt, (arr._order(resolved), False))
        setting = Setting(fmt.rows, fmt.columns, tuple(boxes), tuple(fixed), Weights(), {})
        label = name if len(issue.pages) == 1 else f"{name}/p{page.number}"
        out.append(Page(label, (issue, report, fonts), k, resolved, ctx, setting,
                        rec.blocks(), done, cpu, wall, rec.cpu, chosen(comps, done)))
    return out


# -- 2. the CP-SAT model ------------------------------------------------------------------------
class Option(NamedTuple):
    alt: needs.Alt
    need: needs.Need
    foot: bool             # the foot fit: the shape's last row is the grid's


class Solved(NamedTuple):
    leaves: dict | None    # block id -> Leaf, None when no tiling was found
    status: str
    objective: float       # the model's cost (÷ SCALE)
    bound: float           # the proven lower bound on it
    cpu: float
    wall: float
    shapes: str = "all"    # the shapes it was given: "exact" (choose._exact_only) or "all"


def options(b: needs.Block, rows: int, cols: int) -> list[Option]:
    out = []
    for a in b.alts:
        if a.span > cols or a.depth > rows or a.depth < 1:
            continue
        if a.mid is not None and a.depth < rows:
            out.append(Option(a, a.mid, False))
        if a.foot is not None:
            out.append(Option(a, a.foot, True))
    return out


class _Box(NamedTuple):
    """A block's rectangle and what the pairwise terms read, as CP-SAT expressions (or the
    fixed blocks' constants as constant variables)."""
    order: int
    kind: str
    fixed: bool
    x: object
    y: object
    w: object
    h: object
    size: object           # headline size × 10
    head: object           # hundredths of a row above the headline as drawn (needs.head_top)
    photo: object          # the picture's frame, pt² (needs.frame_area)
    has_photo: bool
    spans: frozenset       # the spans it can take
    photo_at: object = 0   # rows from the top to its picture (under the heading)
    vertical: object = 0   # 1: a 竖题 (no horizontal headline to line up with)
    boxed: object = 0      # 1: framed or tinted (its headline stands inside a box)


class Model:
    """The page as a CP-SAT model (module docstring, 2.)."""

    def __init__(self, blocks: tuple, st: Setting):
        from ortools.sat.python import cp_model
        self.cp = cp_model
        self.m = cp_model.CpModel()
        self.blocks, self.st, self.w = blocks, st, st.weights
        self.opts: list[list[Option]] = []
        self.sel: list[list] = []
        self.cost: list[tuple[int, object]] = []
        self.boxes = [self._block(i, b) for i, b in enumerate(blocks)]
        self.boxes += [self._fixed(p) for p in st.fixed_placed]
        self._tiling()
        self._pairs()
        self._cuts()
        self.objective = sum(c * v for c, v in self.cost)
        self.m.minimize(self.objective)

    def _int(self, lo: int, hi: int, name: str):
        return self.m.new_int_var(lo, hi, name)

    def _bool(self, name: str = ""):
        return self.m.new_bool_var(name)

    def _pay(self, cost: float, var) -> None:
        c = round(cost * SCALE)
        if c:
            self.cost.append((c, var))

    def _block(self, i: int, b: needs.Block) -> _Box:
        rows, cols = self.st.rows, self.st.cols
        opts = options(b, rows, cols)
        if not opts:
            raise ValueError(f"{b.id}: no shape fits the grid")
        sel = [self._bool(f"{b.id}/{k}") for k in range(len(opts))]
        self.m.add_exactly_one(sel)
        self.opts.append(opts)
        self.sel.append(sel)
        x, y = self._int(0, cols - 1, f"{b.id}.x"), self._int(0, rows - 1, f"{b.id}.y")

        def picked(f, name):
            vals = [f(o) for o in opts]
            v = self._int(min(vals), max(vals), f"{b.id}.{name}")
            self.m.add(v == sum(val * s for val, s in zip(vals, sel)))
            return v
        w = picked(lambda o: o.alt.span, "w")
        h = picked(lambda o: o.alt.depth, "h")
        size = picked(lambda o: round(o.need.size * 10), "size")
        head = picked(lambda o: round(HEAD * ((o.need.picture[1] if o.need.picture
                                               and o.need.top else 0) + o.need.head_at)),
                      "head")
        photo = picked(lambda o: round(o.need.photo), "photo")
        photo_at = picked(lambda o: o.need.pic_row, "photo_at")
        vertical = picked(lambda o: int(o.need.vertical), "vertical")
        boxed = picked(lambda o: int(o.need.boxed), "boxed")
        photos = [bool(o.need.picture) for o in opts]
        for o, s in zip(opts, sel):
            if o.foot:
                self.m.add(y + o.alt.depth == rows).only_enforce_if(s)
            else:
                self.m.add(y + o.alt.depth <= rows - 1).only_enforce_if(s)
            self._pay(shape_cost(o.need, self.w), s)
        self.m.add(x + w <= cols)
        self.m.add(y + h <= rows)
        k = rank_weight(b.order) if b.kind in HEADED else 0.25
        # rank → position (score.position_cost): k × (top × row / rows + left × col / cols)
        self._pay(k * self.w.top / rows, y)
        self._pay(k * self.w.left / cols, x)
        if b.order == 0 and b.kind in HEADED:              # the lead off the first row
            self._unless(self.w.lead_low, [[y == 0]])
        if any(photos) and not all(photos):
            raise ValueError(f"{b.id}: shapes with and without a picture")
        return _Box(b.order, b.kind, False, x, y, w, h, size, head, photo, all(photos),
                    frozenset(o.alt.span for o in opts), photo_at, vertical, boxed)

    def _fixed(self, p) -> _Box:
        c = self.m.new_constant
        return _Box(p.order, p.kind, True, c(p.col), c(p.row), c(p.span), c(p.depth),
                    c(round(p.size * 10)), c(round(HEAD * p.head)), c(round(p.photo)),
                    bool(p.photo),
                    frozenset((p.span,)), c(p.photo_at), c(int(p.vertical)), c(int(p.boxed)))

    def _tiling(self) -> None:
        """Inside the grid, no overlap, the area equal to the free area: an exact tiling.
        The two cumulative constraints are redundant (every row of the grid is covered
        across its whole width, every column down its whole depth) and help propagation."""
        m, st = self.m, self.st
        xs, ys, self.bottoms = [], [], []
        for i, b in enumerate(self.boxes):
            right = m.new_int_var(0, st.cols, f"r{i}")
            bottom = m.new_int_var(0, st.rows, f"b{i}")
            xs.append(m.new_interval_var(b.x, b.w, right, f"xi{i}"))
            ys.append(m.new_interval_var(b.y, b.h, bottom, f"yi{i}"))
            self.bottoms.append(bottom)
        m.add_no_overlap_2d(xs, ys)
        free = st.rows * st.cols - sum(bx.span * bx.depth for bx in st.fixed)
        m.add(sum(o.alt.span * o.alt.depth * s for opts, sel in zip(self.opts, self.sel)
                  for o, s in zip(opts, sel)) == free)
        m.add_cumulative(ys, [b.w for b in self.boxes], st.cols)
        m.add_cumulative(xs, [b.h for b in self.boxes], st.rows)
        if STRIPS:
            self._strips()

    def _strips(self) -> None:
        """Redundant and tight: the blocks crossing a column do not overlap in it (one
        optional interval of rows each: a 1-D no-overlap per column, which CP-SAT propagates
        better than the 2-D one) and their depths add up to the column's free rows; the
        widths of the blocks crossing a row add up to its free columns (the cumulative
        constraints say at most; these say exactly)."""
        st = self.st
        for c in range(st.cols):
            free = st.rows - sum(b.depth for b in st.fixed if b.col <= c < b.col + b.span)
            parts = [self._part(b, (b.x, b.w, c), b.h, st.rows) for b in self.boxes
                     if not b.fixed]
            self.m.add(sum(v for v, _ in parts) == free)
            ivs = [self.m.new_optional_interval_var(b.y, b.h, end, on, "")
                   for b, end, (_, on) in zip(self.boxes, self.bottoms, parts)]
            ivs += [self.m.new_fixed_size_interval_var(b.row, b.depth, "") for b in st.fixed
                    if b.col <= c < b.col + b.span]
            self.m.add_no_overlap(ivs)
        for r in range(st.rows if ROW_STRIPS else 0):
            free = st.cols - sum(b.span for b in st.fixed if b.row <= r < b.row + b.depth)
            self.m.add(sum(self._part(b, (b.y, b.h, r), b.w, st.cols)[0] for b in self.boxes
                           if not b.fixed) == free)

    def _part(self, b: _Box, extent: tuple, other, most: int):
        """(`other` when the block's extent [start, start + size) holds `at`, else 0; the
        literal that says it holds it)."""
        start, size, at = extent
        on = self._bool()
        self.m.add(start <= at).only_enforce_if(on)
        self.m.add(start + size >= at + 1).only_enforce_if(on)
        left, right = self._bool(), self._bool()
        self.m.add(start >= at + 1).only_enforce_if(left)
        self.m.add(start + size <= at).only_enforce_if(right)
        self.m.add_exactly_one([on, left, right])
        v = self._int(0, most, "")
        self.m.add(v == other).only_enforce_if(on)
        self.m.add(v == 0).only_enforce_if(~on)
        return v, on

    # -- the pairwise terms (score.pair_terms), each paid through a half-reified Boolean ----
    def _unless(self, cost: float, ways: list) -> None:
        """Pay `cost` unless one of `ways` holds: each way a list of constraints built as
        (expression, enforced by a new Boolean)."""
        pay = self._bool()
        lits = [pay]
        for way in ways:
            lit = self._bool()
            for con in way:
                self.m.add(con).only_enforce_if(lit)
            lits.append(lit)
        self.m.add_bool_or(lits)
        self._pay(cost, pay)
        return pay

    def _pairs(self) -> None:
        w = self.w
        for i, a in enumerate(self.boxes):
            for b in self.boxes[i + 1:]:
                if a.fixed and b.fixed:
                    continue
                if a.kind in HEADED and b.kind in HEADED:
                    self._ranked(a, b)
                    self._ranked(b, a)
                    if a.kind == b.kind == "story":
                        self._hierarchy(a, b)
                        self._hierarchy(b, a)
                    self._collision(a, b)
                    self._dressed(a, b)
                if a.has_photo and b.has_photo:
                    for lo, up in ((a, b), (b, a)):
                        self._unless(w.photo, [[lo.y + lo.photo_at <= up.y + up.photo_at],
                                               [100 * lo.photo <= 101 * up.photo]])

    def _ranked(self, hi: _Box, lo: _Box) -> None:
        """`hi` the more important: `lo` read before it (score._before: clearly higher, or
        level within 2 rows and left of it), wider, or with a larger headline."""
        if hi.order >= lo.order:
            return
        w = self.w
        self._unless(w.order, [[lo.y - hi.y >= -2, lo.y - hi.y >= 3],
                               [lo.y - hi.y >= -2, lo.x >= hi.x]])
        if max(lo.spans) > min(hi.spans):
            self._unless(w.bigger, [[lo.w <= hi.w]])
        if hi.kind == lo.kind == "story":
            self._unless(w.louder, [[lo.size <= hi.size]])

    def _hierarchy(self, up: _Box, low: _Box) -> None:
        """A headline larger than the one above it, their columns overlapping."""
        self._unless(self.w.hierarchy, [[low.x >= up.x + up.w], [up.x >= low.x + low.w],
                                        [low.y <= up.y], [low.size <= up.size]])

    def _collision(self, a: _Box, b: _Box) -> None:
        """碰题: touching across a column rule, rows overlapping, headlines within a row."""
        w = self.w
        dy = (HEAD * a.y + a.head) - (HEAD * b.y + b.head)
        clash = self._unless(w.collision, [[a.x + a.w != b.x, b.x + b.w != a.x],
                                           [a.y >= b.y + b.h], [b.y >= a.y + a.h],
                                           [dy >= HEAD + 1], [dy <= -HEAD - 1]]
                             + [[v == 1] for v in (a.vertical, b.vertical, a.boxed, b.boxed)])
        same = self._bool()
        differ = self._bool()
        self.m.add(a.size != b.size).only_enforce_if(differ)
        self.m.add_bool_or([same, ~clash, differ])
        self._pay(w.same_size, same)

    def _dressed(self, a: _Box, b: _Box) -> None:
        """Two 竖题 on the page; two framed stories touching (side by side, or one on the
        other with columns in common)."""
        w = self.w
        self._unless(w.turned_twice, [[a.vertical == 0], [b.vertical == 0]])
        apart_side = [[a.x + a.w != b.x, b.x + b.w != a.x], [a.y >= b.y + b.h],
                      [b.y >= a.y + a.h]]
        apart_stack = [[a.x >= b.x + b.w], [b.x >= a.x + a.w],
                       [a.y + a.h != b.y, b.y + b.h != a.y]]
        self._unless(w.boxes_touch, [[a.boxed == 0], [b.boxed == 0]]
                     + [p + q for p in apart_side for q in apart_stack])

    def _cuts(self) -> None:
        """score.cut_cost: a column boundary no block crosses; a row boundary no block
        crosses and no full-width block ends on (in an exact tiling such a row is some
        block's bottom)."""
        st = self.st
        for c in range(1, st.cols):
            self._unless(st.weights.cut, [[b.x <= c - 1, b.x + b.w >= c + 1]
                                          for b in self.boxes if max(b.spans) >= 2])
        for r in range(1, st.rows):
            ways = [[b.y <= r - 1, b.y + b.h >= r + 1] for b in self.boxes]
            ways += [[b.w == st.cols, b.y + b.h == r] for b in self.boxes
                     if st.cols in b.spans]
            self._unless(st.weights.cut, ways)

    # -- solving ------------------------------------------------------------------------------
    def better_than(self, cost: float) -> None:
        """Only pages that beat `cost` (our composition's) by more than half a point: an
        INFEASIBLE answer proves ours optimal among every tiling of these shapes. (A hint of
        our composition was tried instead: CP-SAT's single worker does not complete it.)"""
        self.m.add(self.objective <= round((cost - 0.5) * SCALE))

    def _strategy(self, params, workers: int) -> None:
        """Blocks placed top first, then left first, each at its lowest row and column: the
        order an editor fills a page (and our cell search, arrange.search). One worker runs
        this search alone (CP-SAT's default single-worker search found no tiling in 20 s on
        most trial pages); more workers run it beside CP-SAT's portfolio."""
        if getattr(self, "_decided", False):
            return
        self._decided = True
        cp = self.cp
        free = [b for b in self.boxes if not b.fixed]
        self.m.add_decision_strategy([b.y for b in free], cp.CHOOSE_LOWEST_MIN,
                                     cp.SELECT_MIN_VALUE)
        self.m.add_decision_strategy([b.x for b in free], cp.CHOOSE_LOWEST_MIN,
                                     cp.SELECT_MIN_VALUE)
        if workers == 1:
            params.search_branching = cp.FIXED_SEARCH
        # presolve took the whole limit on broadsheet pages (5 s, 0 branches) and the search
        # without it found tilings sooner on the trial pages
        params.cp_model_presolve = False

    def solve(self, limit: float, workers: int = 1, seed: int = 1, dtime: bool = False) -> Solved:
        s = self.cp.CpSolver()
        if dtime:
            s.parameters.max_deterministic_time = limit
        else:
            s.parameters.max_time_in_seconds = limit
        s.parameters.num_workers = workers
        s.parameters.random_seed = seed
        self._strategy(s.parameters, workers)
        c, t = time.process_time(), time.perf_counter()
        status = s.solve(self.m)
        cpu, wall = time.process_time() - c, time.perf_counter() - t
        name = s.status_name(status)
        if status not in (self.cp.OPTIMAL, self.cp.FEASIBLE):
            return Solved(None, name, float("inf"), s.best_objective_bound / SCALE, cpu, wall)
        leaves = {}
        for i, b in enumerate(self.blocks):
            k = next(k for k, v in enumerate(self.sel[i]) if s.value(v))
            o = self.opts[i][k]
            leaves[b.id] = Leaf(i, s.value(self.boxes[i].y), s.value(self.boxes[i].x),
                                o.alt.span, o.alt.depth, o.need)
        return Solved(leaves, name, s.objective_value / SCALE, s.best_objective_bound / SCALE,
                      cpu, wall)


# -- 3. both compositions scored and checked ----------------------------------------------------
class Judged(NamedTuple):
    terms: dict            # our scorer: fit, position, pairs, cuts, moved, total
    full: bool             # every block holds its copy exactly
    rules: dict            # pagerules: rule -> what is wrong (broken ones only)
    slicing: bool          # the tiling (fixed blocks included) is a guillotine structure


def chosen(comps: list, done) -> dict | None:
    """The composition (of those choose.best returned) whose places the arranged page has."""
    places = {b.id: (b.place.row - 1, b.place.col - 1, b.place.span)
              for b in done.page.stories + done.page.groups + done.page.pictures if b.place}
    for c in reversed(comps):
        if c is not None and abs(c.terms["total"] - done.report.terms["total"]) < 1e-6 and all(
                places.get(k) == (lf.row, lf.col, lf.span) for k, lf in c.leaves.items()):
            return dict(c.leaves)
    return None


def leaves_of(pg: Page) -> dict:
    """Our composition as leaves (block id -> Leaf): as the composer chose it, else rebuilt
    from the arranged page's places and the report's fits (the need taken from the shapes
    recorded)."""
    if pg.leaves is not None:
        return pg.leaves
    done = pg.ours.page
    by_id = {b.id: b for b in done.stories + done.groups + done.pictures}
    out = {}
    rows = pg.setting.rows
    for i, blk in enumerate(pg.blocks):
        p = by_id[blk.id].place
        depth = p.rows if p.rows is not None else rows - p.row + 1
        row = p.row - 1
        fits = next(f for f in pg.ours.report.fits if f.id == blk.id)
        foot = row + depth == rows
        cands = [n for a in blk.alts if a.span == p.span and a.depth == depth
                 for n in ((a.foot,) if foot else (a.mid,)) if n is not None
                 and (n.held, n.used, n.over) == (fits.held, fits.used, fits.over)
                 and (n.split or None) == (p.split or None)]
        story = next((s for s in done.stories if s.id == blk.id), None)
        if story is not None and story.picture:
            pic = next(x for x in done.pictures if x.id == story.picture).place
            top = pic.row == p.row
            cands = [n for n in cands if n.picture == (pic.span, pic.rows)
                     and n.top == top] or cands
        if story is not None and story.headline_size:
            cands = [n for n in cands if n.size == story.headline_size] or cands
        if story is not None:
            cands = [n for n in cands if n.vertical == (story.vertical == "right")
                     and n.boxed == bool(story.frame)] or cands
        if not cands:          # no shape of that size with the report's fit: the nearest
            cands = [n for a in blk.alts if a.span == p.span and a.depth == depth
                     for n in ((a.foot,) if foot else (a.mid,)) if n is not None]
        cands.sort(key=lambda n: (n.step, n.size))
        out[blk.id] = Leaf(i, row, p.col - 1, p.span, depth, cands[0])
    return out


def pair_names(pg: Page, leaves: dict) -> dict:
    """The pairwise cost split by name (order, size, headline, hierarchy, 碰题, photos):
    score.pair_terms over every pair but two fixed blocks, as score.total sums them."""
    from layout.arrange.choose import _placed
    from layout.arrange.score import pair_terms
    by_id = {b.id: b for b in pg.blocks}
    placed = list(pg.setting.fixed_placed) + [_placed(by_id[k], lf) for k, lf in leaves.items()]
    out: dict[str, float] = {}
    for i, p in enumerate(placed):
        for q in placed[i + 1:]:
            if not (p.fixed and q.fixed):
                for name, v in pair_terms(p, q, pg.setting.weights):
                    out[name] = out.get(name, 0.0) + v
    return out


def judge(pg: Page, leaves: dict, rules: bool = True) -> Judged:
    by_id = {b.id: b for b in pg.blocks}
    terms = score(by_id, leaves, pg.setting)
    terms.update({f"pair:{k}": v for k, v in pair_names(pg, leaves).items()})
    full = all(lf.need.over == 0 and lf.need.spare <= 1 for lf in leaves.values())
    broken = {}
    if rules:
        page = arr._apply(pg.page, leaves, pg.ctx)
        issue, report, fonts = pg.loaded
        pages = list(issue.pages)
        pages[pg.index] = page
        try:
            r = build_loaded((issue._replace(pages=tuple(pages)), report, fonts), None,
                             BuildOptions(allow_overset=True))
            got = pagerules.check(r.issue.pages[pg.index], r.pages[pg.index])
            broken = {k: v for k, v in got.items() if v}
        except LayoutError as e:
            broken = {"build": [str(e)[:120]]}
    rects = [(lf.row, lf.col, lf.depth, lf.span) for lf in leaves.values()]
    rects += [(b.row, b.col, b.depth, b.span) for b in pg.setting.fixed]
    return Judged(terms, full, broken, guillotine(rects, (0, 0, pg.setting.rows,
                                                          pg.setting.cols)))


def guillotine(rects: list[tuple], region: tuple) -> bool:
    """Do straight cuts right across each piece separate the rectangles (row, col, depth,
    span) of an exact tiling of `region` (row, col, depth, span), recursively?"""
    r0, c0, h, w = region
    inside = [t for t in rects if r0 <= t[0] < r0 + h and c0 <= t[1] < c0 + w]
    if len(inside) <= 1:
        return True
    for y in sorted({t[0] + t[2] for t in inside}):
        if r0 < y < r0 + h and not any(t[0] < y < t[0] + t[2] for t in inside):
            return (guillotine(inside, (r0, c0, y - r0, w))
                    and guillotine(inside, (y, c0, r0 + h - y, w)))
    for x in sorted({t[1] + t[3] for t in inside}):
        if c0 < x < c0 + w and not any(t[1] < x < t[1] + t[3] for t in inside):
            return (guillotine(inside, (r0, c0, h, x - c0))
                    and guillotine(inside, (r0, x, h, c0 + w - x)))
    return False


# -- the run --------------------------------------------------------------------------------------
class Run(NamedTuple):
    label: str             # e.g. "cp 5s w1"
    limit: float
    workers: int
    better: bool   # asked only for pages better than ours


def runs_of(a) -> list[Run]:
    out = [Run(f"cp{lim:g}", lim, a.workers, False) for lim in a.limits]
    for spec in a.also_workers:
        w, lim = spec.split(":")
        out.append(Run(f"cp{float(lim):g}w{w}", float(lim), int(w), False))
    if a.better:
        out.append(Run(f"cp{a.better:g}<ours", a.better, a.workers, True))
    return out


def pages_to_run(n: int, folder: Path) -> list[tuple[str, Path]]:
    from bench_arrange import pages_of
    out = [(f"{fmt[0]}{seed}", genpages.write(seed, fmt, folder)) for fmt, seed in pages_of(n)]
    out += [(p.stem, p) for p in sorted((ROOT / "issues").glob("sample-composed*.yaml"))]
    return out


def cpsat(pg: Page, run: Run, a, ours_cost: float) -> Solved:
    """CP-SAT on the page as our composer goes about it (arrange.choose.best): the shapes
    that fill exactly first (choose._exact_only: an empty line costs 100, so a page that
    can be filled exactly is composed from those), all the shapes when there is no exact
    tiling — here when CP-SAT proves there is none within the limit; the rest of the limit
    goes to the second model. Its CPU and wall seconds include building the models."""
    exact = _exact_only(list(pg.blocks))
    sets = [("all", pg.blocks)]
    if exact:
        sets.insert(0, ("exact", tuple(exact)))
    left, cpu, wall, chain = run.limit, 0.0, 0.0, ""
    for name, blocks in sets:
        c, t = time.process_time(), time.perf_counter()
        model = Model(blocks, pg.setting)
        if run.better:
            model.better_than(ours_cost)
        cpu += time.process_time() - c
        wall += time.perf_counter() - t
        got = model.solve(left, run.workers, a.seed, a.dtime)
        cpu, wall = cpu + got.cpu, wall + got.wall
        chain += got.status
        left -= got.wall                  # (with --dtime, wall seconds stand in)
        if got.status != "INFEASIBLE" or left <= 0.05:
            break
        chain += ">"
    return got._replace(cpu=cpu, wall=wall, shapes=name, status=chain.rstrip(">"))


def one_page(pg: Page, runs: list[Run], a) -> dict:
    rec = {"page": pg.name, "blocks": len(pg.blocks),
           "shapes": sum(len(options(b, pg.setting.rows, pg.setting.cols)) for b in pg.blocks),
           "ours_cpu": pg.cpu, "ours_wall": pg.wall, "measure": pg.measure_cpu,
           "method": pg.ours.report.method}
    mine = leaves_of(pg)
    rec["ours"] = judge(pg, mine, a.rules)
    rec["ours_report"] = pg.ours.report.terms["total"]
    for run in runs:
        got = cpsat(pg, run, a, rec["ours"].terms["total"])
        rec[run.label] = (got, judge(pg, got.leaves, a.rules) if got.leaves else None)
    return rec


def fmt_terms(t: dict) -> str:
    return " ".join(f"{k[:3]} {t.get(k, 0):.0f}" for k in TERMS)


def print_page(rec: dict, runs: list[Run]) -> None:
    o = rec["ours"]
    print(f"  {rec['page']:<16} {rec['blocks']:>2} blocks {rec['shapes']:>6} shapes; ours "
          f"{o.terms['total']:7.1f} ({fmt_terms(o.terms)}) full {'yes' if o.full else 'NO '} "
          f"{rec['ours_cpu']:.2f} s CPU (measure {rec['measure']:.2f}) "
          f"rules: {','.join(o.rules) or '-'}")
    if abs(rec["ours_report"] - o.terms["total"]) > 0.01:
        print(f"      (ours rebuilt from its places scores {o.terms['total']:.2f}, its report "
              f"{rec['ours_report']:.2f})")
    for run in runs:
        got, j = rec[run.label]
        if j is None:
            print(f"      {run.label:<10} {got.status:<10} {got.shapes:<5} no tiling found; bound "
                  f"{got.bound:.1f}; {got.cpu:.2f} s CPU {got.wall:.2f} s wall")
            continue
        d = j.terms["total"] - o.terms["total"]
        print(f"      {run.label:<10} {got.status:<10} {got.shapes:<5} "
              f"{j.terms['total']:7.1f} ({fmt_terms(j.terms)})"
              f" {'+' if d >= 0 else ''}{d:.1f} vs ours; bound {got.bound:.1f}; full "
              f"{'yes' if j.full else 'NO '} {'slicing' if j.slicing else 'NON-SLICING'}; "
              f"{got.cpu:.2f} s CPU {got.wall:.2f} s wall; rules: {','.join(j.rules) or '-'}")
        if abs(got.objective - j.terms["total"]) > 0.5:
            # each fault is paid through a Boolean the model only forces to 1 when the page
            # has the fault: in a solution not yet optimal some may still be 1 needlessly
            print(f"        (the model's cost {got.objective:.2f} is not our scorer's "
                  f"{j.terms['total']:.2f}: fault literals not yet minimised)")


def pair_totals(judged: list) -> str:
    names = ("order", "size", "headline", "hierarchy", "碰题", "photos", "竖题", "框")
    return ", ".join(f"{k} {sum(j.terms.get('pair:' + k, 0.0) for j in judged):.0f}"
                     for k in names)


def summary(recs: list[dict], runs: list[Run]) -> None:
    n = len(recs)
    print(f"\n== totals over {n} pages")
    o = [r["ours"] for r in recs]
    print(f"  ours:        full page {sum(j.full for j in o)}/{n}; pages with a rule broken "
          f"{sum(bool(j.rules) for j in o)}/{n}; cost total {sum(j.terms['total'] for j in o):.1f}"
          f" ({', '.join(f'{k} {sum(j.terms[k] for j in o):.0f}' for k in TERMS)}); "
          f"CPU s a page median {statistics.median(r['ours_cpu'] for r in recs):.2f}, max "
          f"{max(r['ours_cpu'] for r in recs):.2f} (search only, measuring taken out: median "
          f"{statistics.median(r['ours_cpu'] - r['measure'] for r in recs):.2f})")
    print("      pairs by name: " + pair_totals(o))
    for rule in pagerules.RULES:
        hit = [r["page"] for r in recs if rule in r["ours"].rules]
        if hit:
            print(f"      ours breaks {rule} on {len(hit)}: {' '.join(hit)}")
    for run in runs:
        got = [r[run.label] for r in recs]
        found = [(r, g, j) for r, (g, j) in zip(recs, got) if j is not None]
        better = [r["page"] for r, g, j in found
                  if j.terms["total"] < r["ours"].terms["total"] - 0.01]
        worse = [r["page"] for r, g, j in found
                 if j.terms["total"] > r["ours"].terms["total"] + 0.01]
        equal = len(found) - len(better) - len(worse)
        optimal = sum(g.status.endswith("OPTIMAL") for g, _ in got)
        nonslice = [(r, j) for r, g, j in found if not j.slicing]
        ns_better = [r["page"] for r, j in nonslice
                     if j.terms["total"] < r["ours"].terms["total"] - 0.01]
        tot_cp = sum(j.terms["total"] for _, _, j in found)
        tot_ours = sum(r["ours"].terms["total"] for r, _, _ in found)
        print(f"  {run.label:<12} tiling found {len(found)}/{n} (proven optimal {optimal}); "
              f"full page {sum(j.full for _, _, j in found)}/{n}; rules broken on "
              f"{sum(bool(j.rules) for _, _, j in found)}; better than ours on {len(better)}, "
              f"equal {equal}, worse {len(worse)}; cost total on the pages found {tot_cp:.1f} "
              f"vs ours {tot_ours:.1f} ("
              + ", ".join(f"{k} {sum(j.terms[k] for _, _, j in found):.0f}" for k in TERMS)
              + f"); non-slicing {len(nonslice)}, of them better {len(ns_better)}; CPU s a page "
              f"median {statistics.median(g.cpu for g, _ in got):.2f}, wall median "
              f"{statistics.median(g.wall for g, _ in got):.2f}")
        print("      on the pages found, pairs by name: " + pair_totals([j for _, _, j in found])
              + "; ours on the same pages: " + pair_totals([r["ours"] for r, _, _ in found]))
        if better:
            print(f"      better on: {' '.join(better)}"
                  + (f"; non-slicing and better: {' '.join(ns_better)}" if ns_better else ""))
        if worse:
            print(f"      worse on: {' '.join(worse)}")
        if run.better:
            st = [(g.status, g.shapes) for g, _ in got]
            no_exact = sum(x.startswith("INFEASIBLE") and (k == "exact" or ">" in x)
                           for x, k in st)
            none = sum(x.endswith("INFEASIBLE") and k == "all" for x, k in st)
            print(f"      asked only for a page better than ours: none filled exactly (proven) "
                  f"on {no_exact}/{n}, none at all (ours proven optimal over these shapes) on "
                  f"{none}/{n}; a better page found on {len(found)}; no answer in the limit "
                  f"on {sum(x.endswith('UNKNOWN') for x, _ in st)}")
            continue
        proven = [(r, g) for r, (g, _) in zip(recs, got) if g.status.endswith("OPTIMAL")]
        gap = [r["ours"].terms["total"] - g.objective for r, g in proven]
        if proven:
            print(f"      on the {len(proven)} pages it proved optimal, ours is above the "
                  f"optimum by {sum(gap):.1f} in all (max {max(gap):.1f}); ours optimal on "
                  f"{sum(x < 0.5 for x in gap)}")
        for rule in pagerules.RULES:
            hit = [r["page"] for r, _, j in found if rule in j.rules]
            if hit:
                print(f"      breaks {rule} on {len(hit)}: {' '.join(hit)}")


def dump(path: str, rec: dict, runs: list[Run], mine: dict) -> None:
    """One JSON line a composition: page, who, cost by term, rules broken, the leaves."""
    import json

    def line(who, terms, rules, leaves):
        return json.dumps({"page": rec["page"], "who": who, "terms": terms,
                           "rules": rules, "leaves": {k: [lf.row, lf.col, lf.span, lf.depth,
                                                          lf.need._asdict()]
                                                      for k, lf in leaves.items()}},
                          ensure_ascii=False)
    with open(path, "a", encoding="utf-8") as f:
        f.write(line("ours", rec["ours"].terms, rec["ours"].rules, mine) + "\n")
        for run in runs:
            got, j = rec[run.label]
            if j is not None:
                f.write(line(run.label, j.terms, j.rules, got.leaves) + "\n")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=32, help="generated pages (default 32)")
    ap.add_argument("--only", default="", help="page names, comma-separated (e.g. b1,t3)")
    ap.add_argument("--limits", default="1,5,30",
                    type=lambda s: [float(x) for x in s.split(",") if x],
                    help="CP-SAT time limits, s (default 1,5,30)")
    ap.add_argument("--workers", type=int, default=1, help="CP-SAT workers (default 1)")
    ap.add_argument("--also-workers", default="2:5", type=lambda s: [x for x in s.split(",") if x],
                    help="more runs as WORKERS:LIMIT (default 2:5; '' for none)")
    ap.add_argument("--better", type=float, default=10.0,
                    help="a run asked only for pages better than ours, this limit (0: none)")
    ap.add_argument("--seed", type=int, default=1, help="CP-SAT's random_seed")
    ap.add_argument("--dtime", action="store_true",
                    help="limits in CP-SAT's deterministic time (reproducible)")
    ap.add_argument("--no-rules", dest="rules", action="store_false",
                    help="skip building the pages for the rule checks")
    ap.add_argument("--out", default=str(ROOT / "out" / "compare-cpsat"))
    ap.add_argument("--dump", default="", help="write every composition (JSON lines) here")
    a = ap.parse_args(argv)
    try:
        import ortools
    except ImportError:
        print("ortools is not installed: pip install -e '.[bench]'")
        return 2
    runs = runs_of(a)
    print(f"compare_cpsat: {time.strftime('%Y-%m-%d %H:%M')}; python "
          f"{sys.version.split()[0]}; ortools {ortools.__version__}; runs "
          + ", ".join(f"{r.label} ({r.limit:g} {'dtime' if a.dtime else 's'}, {r.workers} "
                      f"worker{'s' if r.workers > 1 else ''}"
                      f"{', better than ours' if r.better else ''})" for r in runs))
    todo = pages_to_run(a.pages, Path(a.out))
    if a.only:
        keep = set(a.only.split(","))
        todo = [(n, p) for n, p in todo if n in keep]
    ours("warm", todo[0][1])                     # fonts and caches loaded
    recs = []
    for name, path in todo:
        for pg in ours(name, path):
            rec = one_page(pg, runs, a)
            recs.append(rec)
            print_page(rec, runs)
            if a.dump:
                dump(a.dump, rec, runs, leaves_of(pg))
    summary(recs, runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
