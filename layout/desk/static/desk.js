// The desk in the browser: pages as images of the last build, block outlines with badges,
// drag to move/resize on the grid, a panel with the selected block's YAML line, fit numbers
// and findings. State comes from /blocks.json; /events says when a build starts and ends.
"use strict";

const $ = (s) => document.querySelector(s);
const STEPS = [24, 36, 48, 60, 72, 96, 120, 150];   // dpi of a whole page's image
const MAX_DPI = 300;                                 // zoom limit: print detail
const KIND = { story: "稿件", group: "专栏", picture: "图片", footer: "协办单位框" };

const desk = window.desk = {
  data: null, scale: null, selected: null, source: null, sourceGen: -1,
  imageGen: 0, imageAt: 0, tileTimer: null, drag: null,
};

// -- events -------------------------------------------------------------------------------
function connect() {
  const es = new EventSource("/events");
  es.addEventListener("hello", () => refresh());
  es.addEventListener("building", (e) => {
    document.body.classList.add("building");
    status("排版中… building", "busy");
  });
  es.addEventListener("built", (e) => {
    desk.lastBuilt = JSON.parse(e.data);
    document.body.classList.remove("building");
    if (desk.data && desk.scale !== null) {      // the new images at once, beside blocks.json
      for (const p of desk.data.pages) {
        const page = document.querySelector(`.page[data-number="${p.number}"]`);
        if (page) loadBase(page, p.number, desk.lastBuilt.gen);
      }
    }
    refresh();
  });
  es.addEventListener("failed", (e) => {
    document.body.classList.remove("building");
    const d = JSON.parse(e.data);
    status(`有 ${d.errors.length} 处错误 · not rebuilt`, "bad");
    showErrors(d.errors);
  });
  es.addEventListener("checking", () => checkStatus({ state: "running" }));
  es.addEventListener("checked", () => refresh());
  es.onerror = () => status("连接断开，重连中… reconnecting", "bad");
}

function status(text, cls, title) {
  const s = $("#status");
  s.textContent = text; s.className = "status " + (cls || ""); s.title = title || "";
}

function builtStatus(data) {
  const d = desk.lastBuilt;
  if (d && d.gen === data.built) {
    status(`已更新 ${Math.round(d.ms)} ms · 重排 ${d.composed} 块，沿用 ${d.reused} 块`, "ok",
           `built in ${d.ms} ms (from the save): ` + Object.entries(d.stages).map(([k, v]) => `${k} ${v}`).join(", "));
  } else status(`已更新 ${Math.round(data.ms)} ms`, "ok", `build ${data.built}`);
}

function checkStatus(c) {
  const el = $("#check");
  if (!c || c.state === "none") { el.textContent = ""; el.className = ""; return; }
  if (c.state === "running") { el.textContent = "检查中… checking"; el.className = "status busy"; return; }
  if (c.state === "error") { el.textContent = "检查出错 check failed"; el.className = "status bad"; el.title = c.message; return; }
  const n = Object.values(c.counts || {}).reduce((a, b) => a + b, 0);
  el.textContent = c.ok ? "检查：无问题 check: no problems" : `检查：${n} 个问题 check: ${n} problems`;
  el.className = "status " + (c.ok ? "ok" : "bad");
  el.title = Object.entries(c.counts || {}).map(([k, v]) => `${k} ${v}`).join(", ");
}

async function refresh() {
  const r = await fetch("/blocks.json", { cache: "no-store" });
  const data = await r.json();
  desk.data = data;
  $("#file").textContent = data.issue.split("/").pop();
  $("#file").title = data.issue;
  document.title = `${$("#file").textContent} · 版面编辑台`;
  if (data.errors.length) showErrors(data.errors); else $("#errors").hidden = true;
  document.body.classList.toggle("building", data.building);
  if (data.building) status("排版中… building", "busy");
  else if (data.errors.length) status(`有 ${data.errors.length} 处错误 · not rebuilt`, "bad");
  else if (data.built) builtStatus(data);
  checkStatus(data.check);
  $("#compose").disabled = $("#alternatives").disabled = !data.compose || !data.pages.length;
  if (data.compose) {
    $("#compose").title = "compose the page again: unlocked blocks move as little as the copy allows (Ctrl+Z undoes it)";
    $("#alternatives").title = "the best compositions of the page, with their costs: pick one";
  }
  if (!data.pages.length) return;
  if (desk.scale === null) desk.scale = fitScale();
  render();
  if (desk.selected) showPanel(desk.selected.id, desk.selected.page);
}

// -- pages ----------------------------------------------------------------------------------
function fitScale() {
  const widest = Math.max(...desk.data.pages.map((p) => p.grid.trim[0]));
  return Math.max(0.15, ($("#pages").clientWidth - 60) / widest);
}

function pageDpi() {
  const want = desk.scale * 72 * (window.devicePixelRatio || 1);
  return STEPS.find((s) => s >= want) || STEPS[STEPS.length - 1];
}

function render() {
  const area = $("#pages");
  const seen = new Set();
  for (const p of desk.data.pages) {
    seen.add(String(p.number));
    let wrap = area.querySelector(`.page-wrap[data-number="${p.number}"]`);
    if (!wrap) {
      wrap = document.createElement("div");
      wrap.className = "page-wrap"; wrap.dataset.number = p.number;
      wrap.innerHTML = `<div class="page-label"></div><div class="page" data-number="${p.number}">
        <img class="base" alt=""><img class="tile" alt="" hidden><div class="guides"></div>
        <div class="blocks"></div></div>`;
      area.appendChild(wrap);
    }
    wrap.querySelector(".page-label").textContent = `第${p.number}版 ${p.name} · ${p.format}`;
    const page = wrap.querySelector(".page");
    page.style.width = `${p.grid.trim[0] * desk.scale}px`;
    page.style.height = `${p.grid.trim[1] * desk.scale}px`;
    drawGuides(page, p.grid);
    loadBase(page, p.number, desk.data.built);
    drawBlocks(page, p);
  }
  for (const w of area.querySelectorAll(".page-wrap")) if (!seen.has(w.dataset.number)) w.remove();
  $("#zoom-label").textContent = `${Math.round(desk.scale * 72)} dpi`;
  scheduleTiles();
}

function loadBase(page, number, gen) {
  const img = page.querySelector("img.base");
  const src = `/pages/${number}.png?v=${gen}&dpi=${pageDpi()}&fast=1`;
  if (img.dataset.want === src || +(img.dataset.gen || 0) > gen) return;
  img.dataset.want = src; img.dataset.gen = gen;
  const next = new Image();
  next.onload = () => {
    if (img.dataset.want !== src) return;
    img.src = src;
    desk.imageGen = Math.max(desk.imageGen, gen); desk.imageAt = Date.now();
    page.querySelector("img.tile").hidden = true;
    scheduleTiles();
  };
  next.src = src;
}

function drawGuides(page, g) {
  const guides = page.querySelector(".guides");
  if (guides.childElementCount === g.columns) return;
  guides.innerHTML = "";
  for (let c = 0; c < g.columns; c++) {
    const d = document.createElement("div");
    d.style.left = pct(g.left + c * (g.column + g.gutter), g.trim[0]);
    d.style.width = pct(g.column, g.trim[0]);
    guides.appendChild(d);
  }
}

const pct = (v, of) => `${(100 * v / of).toFixed(4)}%`;

// a tile of the visible part of a zoomed page, at the screen's full resolution
function scheduleTiles() {
  clearTimeout(desk.tileTimer);
  desk.tileTimer = setTimeout(loadTiles, 150);
}

function loadTiles() {
  if (!desk.data || !desk.data.pages.length) return;
  const want = Math.min(desk.scale * 72 * (window.devicePixelRatio || 1), 600);
  const area = $("#pages").getBoundingClientRect();
  for (const p of desk.data.pages) {
    const page = document.querySelector(`.page[data-number="${p.number}"]`);
    const tile = page.querySelector("img.tile");
    if (want <= pageDpi() * 1.05) { tile.hidden = true; continue; }
    const r = page.getBoundingClientRect();
    const x0 = Math.max(r.left, area.left), y0 = Math.max(r.top, area.top);
    const x1 = Math.min(r.right, area.right), y1 = Math.min(r.bottom, area.bottom);
    if (x1 <= x0 || y1 <= y0) { tile.hidden = true; continue; }
    const k = desk.scale, clip = [(x0 - r.left) / k, (y0 - r.top) / k, (x1 - x0) / k, (y1 - y0) / k]
      .map((v) => Math.round(v * 10) / 10);
    const src = `/pages/${p.number}.png?v=${desk.data.built}&dpi=${Math.round(want)}&clip=${clip.join(",")}&fast=1`;
    if (tile.dataset.want === src) continue;
    tile.dataset.want = src;
    const next = new Image();
    next.onload = () => {
      if (tile.dataset.want !== src) return;
      tile.src = src;
      Object.assign(tile.style, { left: pct(clip[0], p.grid.trim[0]), top: pct(clip[1], p.grid.trim[1]),
                                  width: pct(clip[2], p.grid.trim[0]), height: pct(clip[3], p.grid.trim[1]) });
      tile.hidden = false;
    };
    next.src = src;
  }
}

// -- blocks ---------------------------------------------------------------------------------
function drawBlocks(page, p) {
  const layer = page.querySelector(".blocks");
  layer.innerHTML = "";
  const [tw, th] = p.grid.trim;
  for (const b of desk.data.blocks.filter((b) => b.page === p.number)) {
    const el = document.createElement("div");
    const fit = b.fit || {};
    el.className = "block " + b.kind;
    el.dataset.id = b.id; el.dataset.page = b.page;
    if (fit.overset_lines) el.classList.add("overset");
    else if (fit.spare_lines) el.classList.add("spare");
    if (b.findings.length) el.classList.add("found");
    if (b.place.lock) el.classList.add("locked");
    if (desk.selected && desk.selected.id === b.id && desk.selected.page === b.page) el.classList.add("selected");
    const [x, y, w, h] = b.rect;
    Object.assign(el.style, { left: pct(x, tw), top: pct(y, th), width: pct(w, tw), height: pct(h, th) });
    const badges = [`<span class="badge id">${esc(b.id)}</span>`];
    if (b.place.lock) badges.push(`<span class="badge lock" title="locked: layout compose keeps it here">锁定</span>`);
    if (fit.overset_lines) badges.push(`<span class="badge overset" title="overset: ${fit.chars_over} characters, ${fit.overset_lines} lines do not fit">超 ${fit.chars_over} 字（${fit.overset_lines} 行）</span>`);
    else if (fit.spare_lines) badges.push(`<span class="badge spare" title="${fit.spare_lines} empty lines in the block">空 ${fit.spare_lines} 行</span>`);
    if (fit.widows) badges.push(`<span class="badge widow" title="widows balancing could not avoid">孤行 ${fit.widows}</span>`);
    if (b.findings.length) badges.push(`<span class="badge found" title="${esc(b.findings.map((f) => f.kind + ": " + f.message).join("\n"))}">检查 ${b.findings.length}</span>`);
    el.innerHTML = `<div class="badges">${badges.join("")}</div>
      <span class="handle e" data-edge="e"></span><span class="handle s" data-edge="s"></span>
      <span class="handle se" data-edge="se"></span>`;
    el.addEventListener("pointerdown", (ev) => startDrag(ev, el, b, p));
    layer.appendChild(el);
  }
}

const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]));

function blockOf(id, page) {
  return desk.data && desk.data.blocks.find((b) => b.id === id && b.page === page);
}

// -- the panel ------------------------------------------------------------------------------
function select(id, page) {
  desk.selected = id ? { id, page } : null;
  for (const el of document.querySelectorAll(".block.selected")) el.classList.remove("selected");
  const el = id && document.querySelector(`.block[data-id="${CSS.escape(id)}"][data-page="${page}"]`);
  if (el) el.classList.add("selected");
  if (id) showPanel(id, page);
}

async function showPanel(id, page) {
  const b = blockOf(id, page);
  const panel = $("#panel");
  if (!b) { panel.innerHTML = ""; return; }
  if (desk.sourceGen !== desk.data.gen) {
    desk.source = (await (await fetch("/issue.yaml", { cache: "no-store" })).text()).split("\n");
    desk.sourceGen = desk.data.gen;
  }
  const f = b.fit, pl = b.place, y = b.yaml;
  const rows = [["页 page", `第${b.page}版`], ["位置 place", `栏 ${pl.col}–${pl.col + pl.span - 1} · 行 ${pl.row}–${pl.row + pl.rows - 1}` +
                (pl.split ? ` · 破栏 ${pl.split}` : "") + (b.placed ? "" : "（默认 default）")]];
  const fitRows = f ? [["占用/容量 lines", `${f.lines_used} / ${f.lines_held}`], ["空行 spare lines", f.spare_lines],
    ["字数/容量 chars", `${f.chars} / ${f.chars_held}`], ["超出 overset", f.overset_lines ? `${f.overset_lines} 行 · ${f.chars_over} 字` : "—"],
    ["孤行 widows", f.widows || "—"], ["栏数 columns", `${f.columns} × ${f.line_chars} 字`]] : [];
  const at = y.line, placeAt = b.place_yaml ? b.place_yaml.line : at;
  const from = Math.max(1, at - 1), to = Math.min(desk.source.length, Math.max(placeAt, at) + 3);
  const lines = [];
  for (let n = from; n <= to; n++) {
    lines.push(`<div class="${n === at || n === placeAt ? "at" : ""}"><span class="no">${n}</span>${esc(desk.source[n - 1] || "")}</div>`);
  }
  panel.innerHTML = `<h2>${esc(b.id)} <small>${KIND[b.kind] || b.kind}</small></h2>
    <div class="where">YAML: <a id="yaml-link" href="vscode://file/${encodeURI(y.path)}:${y.line}:${y.column}" title="open in VS Code">${esc(y.path.split("/").pop())}:${y.line}:${y.column}</a></div>
    <div class="yaml">${lines.join("")}</div>
    <table>${rows.concat(fitRows).map(([k, v]) => `<tr><td>${k}</td><td class="num">${v}</td></tr>`).join("")}</table>
    <div class="actions"><label><input type="checkbox" id="lock" ${pl.lock ? "checked" : ""} ${b.placed ? "" : "disabled"}> 锁定位置 lock</label>
      <span class="en">${pl.lock ? "layout compose keeps it here" : ""}</span></div>
    <h3>检查 findings (${b.findings.length})</h3>
    ${b.findings.map((x) => `<div class="finding"><b>${esc(x.kind)}</b>: ${esc(x.message)}<br>${esc(x.text || "")}</div>`).join("") || "<p>—</p>"}`;
  $("#lock").addEventListener("change", (e) => post(`/blocks/${encodeURIComponent(b.id)}/lock`, { page: b.page, locked: e.target.checked }));
}

// -- errors ---------------------------------------------------------------------------------
function showErrors(errors) {
  const box = $("#errors");
  box.innerHTML = `<h3>排版失败：${errors.length} 处错误，版面是上一次成功的结果 · the build failed; the pages shown are the last good build</h3>` +
    errors.map((d) => {
      const where = d.line ? `${d.path}:${d.line}:${d.column}` : d.path;
      return `<div class="diag"><a href="vscode://file/${encodeURI(d.path)}:${d.line}:${d.column}">${esc(where)}</a>: error: ${esc(d.message)}` +
        (d.hint ? `\n    <span class="hint">hint: ${esc(d.hint)}</span>` : "") + `</div>`;
    }).join("");
  box.hidden = false;
}

// -- drag: move and resize on the grid -----------------------------------------------------
function startDrag(ev, el, b, p) {
  if (ev.button !== 0) return;
  ev.preventDefault();
  select(b.id, b.page);
  if (b.place.lock) return;
  const edge = ev.target.dataset.edge || "move";
  const page = el.closest(".page");
  desk.drag = { el, b, p, page, edge, x0: ev.clientX, y0: ev.clientY, moved: false, place: null };
  el.setPointerCapture(ev.pointerId);
  el.onpointermove = (e) => moveDrag(e);
  el.onpointerup = (e) => endDrag(e, true);
  el.onpointercancel = (e) => endDrag(e, false);
}

function snapped(d, dx, dy) {
  const g = d.p.grid, pl = d.b.place, cw = g.column + g.gutter;
  let { col, span, row, rows } = pl;
  const x = g.left + (col - 1) * cw + dx, y = g.top + (row - 1) * g.pitch + dy;
  if (d.edge === "move") {
    col = clamp(Math.round((x - g.left) / cw) + 1, 1, g.columns - span + 1);
    row = clamp(Math.round((y - g.top) / g.pitch) + 1, 1, g.rows - rows + 1);
  }
  if (d.edge === "e" || d.edge === "se") span = clamp(Math.round((span * cw + dx) / cw), 1, g.columns - col + 1);
  if (d.edge === "s" || d.edge === "se") rows = clamp(Math.round((rows * g.pitch + dy) / g.pitch), 1, g.rows - row + 1);
  return { col, span, row, rows };
}

const clamp = (v, lo, hi) => Math.max(lo, Math.min(hi, v));

function rectOf(g, q) {
  return [g.left + (q.col - 1) * (g.column + g.gutter), g.top + (q.row - 1) * g.pitch,
          q.span * g.column + (q.span - 1) * g.gutter, q.rows * g.pitch];
}

function clashes(d, q) {
  return desk.data.blocks.filter((o) => o.page === d.b.page && !(o.id === d.b.id) &&
    q.col < o.place.col + o.place.span && o.place.col < q.col + q.span &&
    q.row < o.place.row + o.place.rows && o.place.row < q.row + q.rows).map((o) => o.id);
}

function moveDrag(e) {
  const d = desk.drag;
  if (!d) return;
  const dx = (e.clientX - d.x0) / desk.scale, dy = (e.clientY - d.y0) / desk.scale;
  if (!d.moved && Math.hypot(e.clientX - d.x0, e.clientY - d.y0) < 4) return;
  d.moved = true;
  d.place = snapped(d, dx, dy);
  showGhost(d, d.place);
}

function showGhost(d, q) {
  let ghost = d.page.querySelector(".ghost");
  if (!ghost) { ghost = document.createElement("div"); ghost.className = "ghost"; ghost.innerHTML = "<span></span>"; d.page.appendChild(ghost); }
  const g = d.p.grid, [x, y, w, h] = rectOf(g, q), clash = clashes(d, q);
  Object.assign(ghost.style, { left: pct(x, g.trim[0]), top: pct(y, g.trim[1]), width: pct(w, g.trim[0]), height: pct(h, g.trim[1]) });
  ghost.classList.toggle("clash", clash.length > 0);
  ghost.firstChild.textContent = `栏 ${q.col}–${q.col + q.span - 1} · 行 ${q.row}–${q.row + q.rows - 1}` +
    (clash.length ? ` · 与 ${clash.join("、")} 重叠 overlaps` : "");
  d.page.classList.add("dragging"); d.el.classList.add("dragging");
}

function endDrag(e, commit) {
  const d = desk.drag;
  desk.drag = null;
  if (!d) return;
  d.el.onpointermove = d.el.onpointerup = d.el.onpointercancel = null;
  d.page.classList.remove("dragging"); d.el.classList.remove("dragging");
  const ghost = d.page.querySelector(".ghost");
  if (!commit || !d.moved || !d.place) { if (ghost) ghost.remove(); return; }
  setPlace(d.b, d.place).finally(() => ghost && ghost.remove());
}

async function setPlace(b, q) {
  const pl = b.place;
  if (q.col === pl.col && q.span === pl.span && q.row === pl.row && q.rows === pl.rows) return;
  // a depth given as foot or auto stays so when the block only moves
  const rows = q.rows === pl.rows && typeof pl.rows_given === "string" && (pl.rows_given === "auto" || q.row === pl.row)
    ? pl.rows_given : q.rows;
  Object.assign(pl, q);                         // shown where it goes until the build comes
  const g = desk.data.pages.find((p) => p.number === b.page).grid;
  b.rect = rectOf(g, q);
  const page = document.querySelector(`.page[data-number="${b.page}"]`);
  drawBlocks(page, desk.data.pages.find((p) => p.number === b.page));
  await post(`/blocks/${encodeURIComponent(b.id)}/place`, { page: b.page, col: q.col, span: q.span, row: q.row, rows });
}

async function post(url, body) {
  const r = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  const d = await r.json().catch(() => ({}));
  if (!r.ok) toast(`${d.error || r.statusText}${d.hint ? " — " + d.hint : ""}`);
  return d;
}

function toast(text) {
  const t = $("#toast");
  t.textContent = text; t.hidden = false;
  clearTimeout(t.timer); t.timer = setTimeout(() => (t.hidden = true), 5000);
}

// -- compose and alternatives (layout.arrange, the page composer) ---------------------------
function currentPage() {
  return desk.selected ? desk.selected.page : desk.data.pages[0].number;
}

async function composePage() {
  const page = currentPage();
  if (!confirm(`自动组版：第${page}版未锁定的块会重新排（撤销：Ctrl+Z）\nCompose page ${page} again? Unlocked blocks move.`)) return;
  status("组版中… composing", "busy");
  const d = await post("/compose", { page });
  if (d.ok) toast(d.changed ? `已组版：${d.moved.length} 块，代价 ${d.cost} · composed` : "版面已是最佳 · already the best");
}

async function showAlternatives() {
  const page = currentPage();
  const panel = $("#panel");
  panel.innerHTML = `<h2>备选方案 · 第${page}版</h2><p>计算中… composing</p>`;
  const d = await post("/alternatives", { page, n: 3 });
  if (!d.choices) { panel.innerHTML = ""; return; }
  const g = desk.data.pages.find((p) => p.number === page).grid;
  const fixed = desk.data.blocks.filter((b) => b.page === page && !Object.keys(d.choices[0] ? d.choices[0].places : {}).includes(b.id));
  panel.innerHTML = `<h2>备选方案 · 第${page}版</h2><p class="en">cost: lower is better (empty lines, rank → position, hierarchy, 碰题 …)</p>` +
    (d.choices.length ? "" : "<p>没有可移动的块 · nothing to compose (every block is locked)</p>") +
    d.choices.map((c, i) => `<div class="alt"><div class="alt-head"><b>${i ? "方案 " + (i + 1) : "最佳 best"}</b> 代价 cost ${c.cost}
      <button data-i="${i}">采用 apply</button></div>${thumb(g, c.rects, fixed)}
      <div class="en">${Object.entries(c.terms).filter(([k, v]) => k !== "total" && v).map(([k, v]) => `${k} ${v}`).join(" · ")}</div></div>`).join("");
  for (const b of panel.querySelectorAll(".alt button")) {
    b.onclick = () => post("/places", { page, places: d.choices[+b.dataset.i].places, sizes: d.choices[+b.dataset.i].sizes, dress: d.choices[+b.dataset.i].dress });
  }
}

function thumb(g, rects, fixed) {
  const [tw, th] = g.trim, w = 300, k = w / tw;
  const box = (r, cls, label) => `<g class="${cls}"><rect x="${r[0] * k}" y="${r[1] * k}" width="${r[2] * k}" height="${r[3] * k}"/>` +
    `<text x="${r[0] * k + 3}" y="${r[1] * k + 11}">${esc(label)}</text></g>`;
  return `<svg class="thumb" viewBox="0 0 ${w} ${th * k}" width="${w}" height="${th * k}">
    <rect class="paper" width="${w}" height="${th * k}"/>` +
    fixed.map((b) => box(b.rect, "fixed", b.id)).join("") +
    Object.entries(rects).map(([id, r]) => box(r, "moved", id)).join("") + `</svg>`;
}

// -- keys, zoom, buttons ---------------------------------------------------------------------
function zoomTo(scale, anchor) {
  const area = $("#pages");
  const before = desk.scale;
  const ax = anchor ? anchor.x : area.clientWidth / 2, ay = anchor ? anchor.y : area.clientHeight / 2;
  const cx = (area.scrollLeft + ax) / before, cy = (area.scrollTop + ay) / before;
  desk.scale = clamp(scale, 0.1, MAX_DPI / 72);
  render();
  area.scrollLeft = cx * desk.scale - ax; area.scrollTop = cy * desk.scale - ay;
}

function init() {
  $("#zoom-in").onclick = () => zoomTo(desk.scale * 1.4);
  $("#zoom-out").onclick = () => zoomTo(desk.scale / 1.4);
  $("#zoom-fit").onclick = () => zoomTo(fitScale());
  $("#zoom-300").onclick = () => zoomTo(MAX_DPI / 72);
  $("#outlines").onchange = (e) => document.body.classList.toggle("no-outlines", !e.target.checked);
  $("#undo").onclick = () => post("/undo", {});
  $("#compose").onclick = composePage;
  $("#alternatives").onclick = showAlternatives;
  $("#pages").addEventListener("scroll", scheduleTiles);
  $("#pages").addEventListener("wheel", (e) => {
    if (!e.ctrlKey || !desk.data) return;
    e.preventDefault();
    const r = $("#pages").getBoundingClientRect();
    zoomTo(desk.scale * (e.deltaY < 0 ? 1.15 : 1 / 1.15), { x: e.clientX - r.left, y: e.clientY - r.top });
  }, { passive: false });
  $("#pages").addEventListener("pointerdown", (e) => { if (!e.target.closest(".block")) select(null); });
  window.addEventListener("resize", scheduleTiles);
  window.addEventListener("keydown", onKey);
  connect();
}

function onKey(e) {
  if (e.target.closest("input, textarea")) return;
  if ((e.ctrlKey || e.metaKey) && e.key === "z") { e.preventDefault(); post("/undo", {}); return; }
  if (e.key === "Escape" && desk.drag) { endDrag(e, false); return; }
  const sel = desk.selected && blockOf(desk.selected.id, desk.selected.page);
  const arrows = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
  if (!sel || !(e.key in arrows) || sel.place.lock) return;
  e.preventDefault();
  const [dc, dr] = arrows[e.key], g = desk.data.pages.find((p) => p.number === sel.page).grid;
  const q = { ...sel.place };
  if (e.shiftKey) { q.span = clamp(q.span + dc, 1, g.columns - q.col + 1); q.rows = clamp(q.rows + dr, 1, g.rows - q.row + 1); }
  else { q.col = clamp(q.col + dc, 1, g.columns - q.span + 1); q.row = clamp(q.row + dr, 1, g.rows - q.rows + 1); }
  setPlace(sel, { col: q.col, span: q.span, row: q.row, rows: q.rows });
}

init();
