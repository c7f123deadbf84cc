// dossier review: sorting/filtering the document list, and reviewing one document with mouse or keyboard.
// Every change goes through the JSON API (/docs). A verdict's answer holds only what changed, and the page restyles
// just that; after an edit or an addition it re-reads its own server-rendered parts.
"use strict";

const $ = (sel, root = document) => root.querySelector(sel);
const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel));

function say(message, isError = false) {
  const box = $("#status");
  if (!box) return;
  box.textContent = message;
  box.className = isError ? "error" : "ok";
  clearTimeout(say.timer);
  say.timer = setTimeout(() => { box.textContent = ""; box.className = ""; }, isError ? 8000 : 2500);
}

async function api(method, url, body) {
  const response = await fetch(url, {
    method, headers: { "Content-Type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) {
    const detail = Array.isArray(data.detail)
      ? data.detail.map((d) => `${(d.loc || []).slice(1).join(".")}: ${d.msg}`).join("; ")
      : data.detail || response.statusText;
    throw new Error(detail);
  }
  return data;
}

// ---------- the document list ----------

function setupIndex() {
  const table = $("#documents");
  if (!table) return;
  const body = table.tBodies[0];
  const filter = $("#doc-filter");
  const status = $("#status-filter");
  const apply = () => {
    const words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const row of body.rows) {
      const okWords = words.every((w) => row.dataset.search.includes(w));
      const want = status.value;
      const okStatus = !want || (want === "open" ? row.dataset.open === "1"
        : want === "orphaned" ? Number(row.dataset.orphaned) > 0 : row.dataset.status === want);
      row.hidden = !(okWords && okStatus);
      shown += row.hidden ? 0 : 1;
    }
    $("#doc-count").textContent = `${shown} of ${body.rows.length} documents`;
  };
  filter.addEventListener("input", apply);
  status.addEventListener("change", apply);
  for (const th of $$("th[data-key]", table)) {
    th.tabIndex = 0;
    const sort = () => {
      const ascending = th.getAttribute("aria-sort") !== "ascending";
      $$("th[data-key]", table).forEach((h) => h.setAttribute("aria-sort", "none"));
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      const key = th.dataset.key;
      const numeric = th.dataset.type === "number";
      const value = (row) => (numeric ? Number(row.dataset[key]) : (row.dataset[key] || "").toLowerCase());
      const rows = Array.from(body.rows).sort((a, b) => {
        const x = value(a), y = value(b);
        return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
      });
      rows.forEach((row) => body.appendChild(row));
    };
    th.addEventListener("click", sort);
    th.addEventListener("keydown", (e) => { if (e.key === "Enter") sort(); });
  }
  const dismissAll = $("#dismiss-all");
  if (dismissAll) dismissAll.addEventListener("click", () => dismissOrphans(""));
}

// ---------- one document ----------

// Fields a reviewer edits per dataset: [name, type]. The server checks every value again.
const FIELDS = {
  actors: [["name", "text"], ["kind", "kind"], ["iso3", "text"], ["role", "text"], ["members", "list"]],
  mentions: [["actor_id", "actor"]],
  dates: [["value", "text"], ["relative", "bool"]],
  figures: [["value", "number"], ["unit", "text"], ["qualifier", "text"], ["per", "text"], ["item", "text"],
    ["actor_id", "actor"]],
  claims: [["speaker", "text"], ["speaker_actor_id", "actor"], ["hedged", "bool"], ["actor_ids", "list"],
    ["figure_ids", "list"], ["date_values", "list"]],
  tables: [["text", "text"], ["value", "number"], ["header", "text"]],
};
// Columns the contract renamed: an item carries one name or the other, and is edited under the one it carries.
const RENAMED = { source: "speaker", column: "header" };
const ADD_FIELDS = {
  actors: [["name", "text"], ["kind", "kind"], ["iso3", "text"], ["role", "text"]],
  dates: [["value", "text"], ["relative", "bool"]],
  figures: [["value", "number"], ["unit", "text"], ["qualifier", "text"], ["per", "text"], ["item", "text"]],
  claims: [["speaker", "text"], ["hedged", "bool"]],
};
const HINTS = {
  iso3: "ISO 3166-1 alpha-3, e.g. KOR", value: "", unit: "percent, count, USD, km2…",
  members: "actor ids separated by ;", actor_ids: "separated by ;", figure_ids: "separated by ;",
  date_values: "ISO dates separated by ;",
};

const review = {
  docId: null,
  current: null, // the selected item's id
  unit: null, // the selected decision unit (li.unit)
  selection: null, // {start, end, text} of the text selected for adding
  undoStack: [], // review ids of this page's decisions, newest last: u takes back the last one
};

function jsonOf(id) {
  const node = document.getElementById(id);
  return node ? JSON.parse(node.textContent) : [];
}

const datasetMode = () => $("#ds-filter").value;

// What j/k walk over: decision units in text order, or the items of one dataset.
function visibleItems() {
  const mode = datasetMode();
  if (!mode) return $$("#panel-lists > li.unit").filter((li) => !li.hidden);
  return $$(`#panel-lists li.item[data-ds="${mode}"]`).filter((li) => !li.hidden && !li.closest("li.unit").hidden);
}

function itemOf(id) {
  return $(`#panel-lists li.item[data-id="${CSS.escape(id)}"]`);
}

// The unit a mark in the text stands for: the one it heads, else the actor it is a mention of, else the first.
function unitFor(id) {
  const items = $$(`#panel-lists li.item[data-id="${CSS.escape(id)}"]`);
  const head = items.find((li) => li.classList.contains("head"));
  const actor = items.find((li) => li.closest("li.unit").dataset.kind === "actor");
  const li = head || actor || items[0];
  return li ? li.closest("li.unit") : null;
}

function select(id, { scroll = true, focusMark = false, unit = null } = {}) {
  $$(".current, .in-unit").forEach((el) => el.classList.remove("current", "in-unit"));
  review.current = id;
  review.unit = id ? unit || unitFor(id) : null;
  if (!id) return;
  const li = review.unit ? $(`li.item[data-id="${CSS.escape(id)}"]`, review.unit) : itemOf(id);
  if (review.unit) review.unit.classList.add("current");
  if (li) li.classList.add("current");
  const ids = review.unit && li && li.classList.contains("head") ? review.unit.dataset.ids.split(" ") : [id];
  for (const other of ids) {
    $$(`#doc-text [data-id="${CSS.escape(other)}"]`).forEach((m) => m.classList.add(other === id ? "current" : "in-unit"));
  }
  const marks = $$(`#doc-text [data-id="${CSS.escape(id)}"]`);
  history.replaceState(null, "", `#${encodeURIComponent(id)}`);
  if (scroll) {
    // The panel follows the text and the text follows the panel.
    if (review.unit) review.unit.scrollIntoView({ block: "nearest" });
    if (marks[0]) marks[0].scrollIntoView({ block: "center" });
  }
  if (marks[0]) {
    if (focusMark) marks[0].focus({ preventScroll: true });
    showTip(marks[0]);
  } else {
    hideTip();
  }
}

function stepTo(li) {
  if (li.matches("li.unit")) select(li.dataset.id, { unit: li });
  else select(li.dataset.id, { unit: li.closest("li.unit") });
}

function step(delta) {
  const items = visibleItems();
  if (!items.length) return;
  const mode = datasetMode();
  const at = items.findIndex((li) => (mode ? li.dataset.id === review.current && li.closest("li.unit") === review.unit
    : li === review.unit));
  const next = at < 0 ? (delta > 0 ? 0 : items.length - 1) : Math.min(items.length - 1, Math.max(0, at + delta));
  stepTo(items[next]);
}

function unitOpen(unit) {
  return $$("li.item", unit).some((li) => li.classList.contains("st-open"));
}

function confidenceLow(li, below) {
  const value = li.dataset.confidence;
  return value !== "" && Number(value) < below;
}

function applyFilter() {
  const mode = datasetMode();
  const openOnly = $("#open-only").checked;
  const below = $("#conf-filter").value ? Number($("#conf-filter").value) : null;
  $("#panel-lists").dataset.mode = mode;
  for (const unit of $$("#panel-lists > li.unit")) {
    const items = $$("li.item", unit);
    const wanted = items.filter((li) => (!mode || li.dataset.ds === mode)
      && (!openOnly || li.classList.contains("st-open")) && (below === null || confidenceLow(li, below)));
    unit.hidden = wanted.length === 0;
    for (const li of items) li.classList.toggle("filtered-out", Boolean(mode) && li.dataset.ds !== mode);
  }
}

// After a verdict only what changed is sent back: the page restyles those items, their units and the counts.
function applyChanged(changed) {
  const before = reviewedCount();
  for (const item of changed) {
    const state = `st-${item.verdict || "open"}`;
    for (const el of $$(`[data-id="${CSS.escape(item.id)}"]`)) {
      if (!el.matches("#panel-lists li.item, #doc-text .x")) continue;
      el.className = el.className.replace(/\bst-[a-z]+\b/, state);
      if (el.matches("li.item")) {
        el.dataset.item = JSON.stringify({ ...JSON.parse(el.dataset.item), ...item });
        const badge = $(".badge", el);
        if (badge) { badge.className = `badge v-${item.verdict || "none"}`; badge.textContent = item.verdict || ""; }
      }
    }
  }
  for (const unit of $$("#panel-lists > li.unit")) unit.classList.toggle("done", !unitOpen(unit));
  const after = reviewedCount();
  setCount("#progress", after);
  const overall = $("#overall");
  if (overall) setCount("#overall", Number(overall.dataset.reviewed) + after - before);
  if ($("#open-only").checked) applyFilter();
}

function reviewedCount() {
  const seen = new Map();
  for (const li of $$("#panel-lists li.item")) seen.set(li.dataset.id, !li.classList.contains("st-open"));
  return Array.from(seen.values()).filter(Boolean).length;
}

function setCount(selector, value) {
  const box = $(selector);
  if (!box) return;
  box.dataset.reviewed = value;
  const n = $(".n", box);
  if (n) n.textContent = value;
  const bar = $("progress", box);
  if (bar) bar.value = value;
}

async function refresh() {
  const response = await fetch(location.pathname, { headers: { Accept: "text/html" } });
  const page = new DOMParser().parseFromString(await response.text(), "text/html");
  const scrollText = window.scrollY;
  const panelScroll = $("#panel").scrollTop;
  for (const id of ["doc-text", "panel-lists", "orphans", "history", "progress", "overall"]) {
    const fresh = page.getElementById(id);
    const old = document.getElementById(id);
    if (fresh && old) { old.innerHTML = fresh.innerHTML; Object.assign(old.dataset, fresh.dataset); }
  }
  const actors = page.getElementById("doc-actors");
  if (actors) $("#doc-actors").textContent = actors.textContent;
  applyFilter();
  window.scrollTo(0, scrollText);
  $("#panel").scrollTop = panelScroll;
  if (review.current) {
    const unitHead = review.unit ? review.unit.dataset.id : null;
    const unit = unitHead ? $(`#panel-lists > li.unit[data-id="${CSS.escape(unitHead)}"]`) : null;
    select(review.current, { scroll: false, unit });
  }
}

// Like Prodigy: after a decision the next open one comes up.
function advance(from) {
  const items = visibleItems();
  const at = items.indexOf(from);
  const rest = items.slice(at + 1);
  const open = (li) => (li.matches("li.unit") ? unitOpen(li) : li.classList.contains("st-open"));
  const next = rest.find(open) || rest[0];
  if (next) stepTo(next);
}

function isHead() {
  const li = review.unit && review.current ? $(`li.item[data-id="${CSS.escape(review.current)}"]`, review.unit) : null;
  return Boolean(li && li.classList.contains("head")) && !datasetMode();
}

async function decide(kind, ids) {
  const result = await api("POST", `/api/documents/${encodeURIComponent(review.docId)}/decisions`,
    ids ? { verdict: kind, ids } : { verdict: kind });
  if (result.review_ids.length) review.undoStack.push(result.review_ids[0]);
  applyChanged(result.changed);
  return result;
}

async function verdict(kind) {
  const id = review.current;
  if (!id) { say("Pick an extraction first (j/k or click)", true); return; }
  const from = datasetMode() ? $(`li.item[data-id="${CSS.escape(id)}"]`, review.unit) : review.unit;
  try {
    const unit = review.unit;
    if (isHead() && (kind === "accept" || unit.dataset.kind === "table")) {
      // The whole unit: a claim with its parts, an actor with its mentions, a table with its cells.
      const result = await decide(kind, unit.dataset.ids.split(" "));
      say(`${kind}ed ${result.changed.length} item(s)`);
    } else {
      const result = await api("POST", `/api/extractions/${encodeURIComponent(id)}/review`, { verdict: kind });
      review.undoStack.push(result.review.review_id);
      applyChanged(result.changed);
      say(`${kind}ed`);
    }
    if (from) advance(from);
  } catch (error) {
    say(error.message, true);
  }
}

async function acceptRest() {
  try {
    const result = await decide("accept", null);
    say(`accepted everything left: ${result.changed.length} item(s); u takes it back`);
  } catch (error) {
    say(error.message, true);
  }
}

async function tableAxis(kind, axis) {
  const li = review.current && itemOf(review.current);
  if (!li || li.dataset.ds !== "tables") { say("Pick a cell of the table first (click it in the text)", true); return; }
  const cell = JSON.parse(li.dataset.item);
  const ids = $$(`#panel-lists li.item.ds-tables`).map((x) => JSON.parse(x.dataset.item))
    .filter((c) => c.table_id === cell.table_id && c[axis] === cell[axis]).map((c) => c.id);
  try {
    const result = await decide(kind, Array.from(new Set(ids)));
    say(`${kind}ed ${result.changed.length} cell(s) of the ${axis === "row" ? "row" : "column"}`);
  } catch (error) {
    say(error.message, true);
  }
}

async function undo(reviewId) {
  if (!reviewId) reviewId = review.undoStack.pop();
  if (!reviewId) {
    const live = $("#history li.live");
    if (!live) { say("Nothing to undo", true); return; }
    reviewId = live.dataset.reviewId;
  }
  try {
    const result = await api("POST", `/api/reviews/${reviewId}/undo`);
    if (result.verdict === "add" || result.verdict === "edit") await refresh(); // labels and marks change
    else applyChanged(result.changed);
    say(`undone: review ${result.undone.join(", ")}`);
  } catch (error) {
    say(error.message, true);
  }
}

async function dismissOrphans(docId) {
  try {
    const result = await api("POST", `/api/orphaned/dismiss${docId ? `?doc_id=${encodeURIComponent(docId)}` : ""}`);
    say(`dismissed ${result.dismissed.length} orphaned verdict(s)`);
    if (review.docId) await refresh(); else location.reload();
  } catch (error) {
    say(error.message, true);
  }
}

function fieldInput(name, type, value) {
  const label = document.createElement("label");
  label.textContent = name.replace("_", " ") + " ";
  let input;
  if (type === "bool") {
    input = document.createElement("input");
    input.type = "checkbox";
    input.checked = Boolean(value);
  } else if (type === "kind" || type === "actor") {
    input = document.createElement("select");
    const choices = type === "kind" ? jsonOf("actor-kinds") : ["", ...jsonOf("doc-actors")];
    for (const choice of choices) input.add(new Option(choice || "(none)", choice));
    input.value = value ?? "";
  } else {
    input = document.createElement("input");
    input.type = "text";
    input.value = Array.isArray(value) ? value.join("; ") : value ?? "";
    if (HINTS[name]) input.placeholder = HINTS[name];
  }
  input.name = name;
  input.dataset.type = type;
  label.appendChild(input);
  return label;
}

// Values as the API wants them; a number that does not parse goes as typed so the server can say what is wrong.
function fieldValue(input) {
  const type = input.dataset.type;
  if (type === "bool") return input.checked;
  const raw = input.value.trim();
  if (type === "list") return raw ? raw.split(";").map((s) => s.trim()).filter(Boolean) : [];
  if (raw === "") return null;
  if (type === "number") return /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(raw) ? Number(raw) : raw;
  return raw;
}

function openEdit() {
  const li = review.current && itemOf(review.current);
  if (!li) { say("Pick an extraction first (j/k or click)", true); return; }
  const item = JSON.parse(li.dataset.item);
  const dataset = li.dataset.ds;
  const form = $("#edit-form");
  form.dataset.id = item.id;
  $("#edit-what").textContent = `${dataset} ${item.id}`;
  $("#edit-text").textContent = item.text || item.name || "";
  $("#edit-error").textContent = "";
  const box = $("#edit-fields");
  const fields = FIELDS[dataset].map(([name, type]) => [RENAMED[name] in item ? RENAMED[name] : name, type]);
  box.replaceChildren(...fields.map(([name, type]) => fieldInput(name, type, item[name])));
  $("#edit-dialog").showModal();
  const first = box.querySelector("input, select");
  if (first) first.focus();
}

async function submitEdit(event) {
  event.preventDefault();
  const form = $("#edit-form");
  const li = itemOf(form.dataset.id);
  const before = JSON.parse(li.dataset.item);
  const body = { verdict: "edit" };
  for (const input of $$("#edit-fields [name]")) {
    const value = fieldValue(input);
    if (JSON.stringify(value) !== JSON.stringify(before[input.name] ?? (input.dataset.type === "list" ? [] : null))) {
      body[input.name] = value;
    }
  }
  if (Object.keys(body).length === 1) { $("#edit-error").textContent = "Nothing changed."; return; }
  try {
    await api("POST", `/api/extractions/${encodeURIComponent(form.dataset.id)}/review`, body);
    $("#edit-dialog").close();
    await refresh();
    say("edited");
  } catch (error) {
    $("#edit-error").textContent = error.message;
  }
}

// Text offsets of a selection: every run of text sits in <span class="t" data-o="offset">.
function boundary(node, offset, atEnd) {
  if (node.nodeType === Node.TEXT_NODE) {
    const run = node.parentElement.closest("span.t");
    return run ? Number(run.dataset.o) + offset : null;
  }
  const runs = $$("span.t", node);
  const child = node.childNodes[offset];
  if (child) {
    const run = child.nodeType === Node.ELEMENT_NODE && child.matches("span.t") ? child : $("span.t", child);
    if (run) return Number(run.dataset.o);
  }
  const last = atEnd ? runs[runs.length - 1] : null;
  return last ? Number(last.dataset.o) + last.textContent.length : null;
}

function readSelection() {
  const chosen = window.getSelection();
  const text = $("#doc-text");
  if (!chosen || chosen.isCollapsed || !chosen.rangeCount) return null;
  const range = chosen.getRangeAt(0);
  if (!text.contains(range.startContainer) || !text.contains(range.endContainer)) return null;
  let start = boundary(range.startContainer, range.startOffset, false);
  let end = boundary(range.endContainer, range.endOffset, true);
  if (start === null || end === null || end <= start) return null;
  const raw = range.toString();
  const lead = raw.length - raw.trimStart().length;
  const trimmed = raw.trim();
  if (!trimmed || raw.length !== end - start) return null; // crosses a table: not one run of text
  start += lead;
  end = start + trimmed.length;
  return { start, end, text: trimmed };
}

function noteSelection() {
  const button = $("#add-button");
  review.selection = readSelection();
  if (!review.selection) { button.hidden = true; return; }
  const rect = window.getSelection().getRangeAt(0).getBoundingClientRect();
  button.style.top = `${window.scrollY + rect.bottom + 6}px`;
  button.style.left = `${window.scrollX + rect.left}px`;
  button.hidden = false;
}

function fillAddFields() {
  const dataset = $("#add-dataset").value;
  const defaults = { name: review.selection ? review.selection.text : "", kind: "country" };
  $("#add-fields").replaceChildren(...ADD_FIELDS[dataset].map(([name, type]) => fieldInput(name, type,
    dataset === "actors" ? defaults[name] : null)));
}

function openAdd() {
  if (!review.selection) { say("Select the missed text in the document first", true); return; }
  const { start, end, text } = review.selection;
  $("#add-text").textContent = `“${text}” (${start}–${end})`;
  $("#add-error").textContent = "";
  fillAddFields();
  $("#add-dialog").showModal();
  $("#add-dataset").focus();
}

async function submitAdd(event) {
  event.preventDefault();
  const { start, end, text } = review.selection;
  const body = { dataset: $("#add-dataset").value, start, end, text };
  for (const input of $$("#add-fields [name]")) {
    const value = fieldValue(input);
    if (value !== null) body[input.name] = value;
  }
  try {
    const result = await api("POST", `/api/documents/${encodeURIComponent(review.docId)}/extractions`, body);
    $("#add-dialog").close();
    window.getSelection().removeAllRanges();
    review.selection = null;
    $("#add-button").hidden = true;
    review.current = result.items[0].id;
    await refresh();
    say("added");
  } catch (error) {
    $("#add-error").textContent = error.message;
  }
}

function showTip(target) {
  const tip = $("#tip");
  if (!tip || !target || !target.dataset.tip) return;
  tip.textContent = target.dataset.tip;
  // Next to its mark: above it, or below when the mark is at the top of the window.
  const rect = target.getBoundingClientRect();
  const above = rect.top > 40;
  tip.style.top = `${window.scrollY + (above ? rect.top - 30 : rect.bottom + 6)}px`;
  tip.style.left = `${window.scrollX + rect.left}px`;
  tip.hidden = false;
  target.setAttribute("aria-describedby", "tip");
}

function hideTip() {
  const tip = $("#tip");
  if (tip) tip.hidden = true;
}

// When the reader scrolls the text, the panel shows the decision the first mark in view belongs to.
let followPending = false;
function followText() {
  followPending = false;
  const current = review.current && $(`#doc-text [data-id="${CSS.escape(review.current)}"]`);
  if (current) {
    const rect = current.getBoundingClientRect();
    if (rect.bottom > 0 && rect.top < window.innerHeight) return; // the selected mark is in view: leave the panel
  }
  const first = $$("#doc-text .x[data-id]").find((m) => m.getBoundingClientRect().top >= 0);
  const unit = first && unitFor(first.dataset.id);
  if (!unit || unit.hidden) return;
  const panel = $("#panel");
  const top = unit.offsetTop - panel.offsetTop;
  if (top < panel.scrollTop || top > panel.scrollTop + panel.clientHeight) panel.scrollTop = Math.max(0, top - 40);
}

// Keys work wherever focus is, except where text is typed. A select or checkbox that has focus gives it up, so
// that a letter never changes a filter.
function typesText(target) {
  if (!target || !target.closest) return false;
  if (target.closest("textarea, [contenteditable='true']")) return true;
  const input = target.closest("input");
  return Boolean(input) && !["checkbox", "radio", "button", "submit", "reset", "range", "color"].includes(input.type);
}

function setupKeys(actions) {
  document.addEventListener("keydown", (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey || $("dialog[open]") || typesText(e.target)) return;
    const action = actions[e.key];
    if (!action) return;
    e.preventDefault();
    e.stopPropagation();
    if (e.target.closest && e.target.closest("select, input, button")) e.target.blur();
    action();
  }, true);
}

function setupDocument() {
  const layout = $(".layout[data-doc-id]");
  if (!layout) return;
  review.docId = layout.dataset.docId;
  const textBox = $("#doc-text");
  textBox.addEventListener("mouseover", (e) => { const m = e.target.closest("[data-tip]"); if (m) showTip(m); });
  textBox.addEventListener("mouseout", (e) => {
    if (e.target.closest("[data-tip]") && !e.target.closest(".current")) hideTip();
  });
  textBox.addEventListener("focusin", (e) => { const m = e.target.closest("[data-tip]"); if (m) showTip(m); });
  textBox.addEventListener("click", (e) => {
    const mark = e.target.closest("[data-id]");
    if (mark && window.getSelection().isCollapsed) select(mark.dataset.id);
  });
  textBox.addEventListener("mouseup", () => setTimeout(noteSelection, 0));
  document.addEventListener("selectionchange", () => { if (!readSelection()) $("#add-button").hidden = true; });
  $("#panel").addEventListener("click", (e) => {
    const undoButton = e.target.closest("[data-undo]");
    if (undoButton) { undo(undoButton.dataset.undo); return; }
    const dismiss = e.target.closest("[data-dismiss]");
    if (dismiss) { dismissOrphans(dismiss.dataset.dismiss); return; }
    const axis = e.target.closest("[data-table-act]");
    if (axis) { tableAxis(axis.dataset.tableAct, axis.dataset.axis); return; }
    const act = e.target.closest("[data-act]");
    const li = e.target.closest("li.item");
    if (li) {
      select(li.dataset.id, { unit: li.closest("li.unit"), scroll: false });
      const mark = $(`#doc-text [data-id="${CSS.escape(li.dataset.id)}"]`);
      if (mark) mark.scrollIntoView({ block: "center" });
    }
    if (act) (act.dataset.act === "edit" ? openEdit() : verdict(act.dataset.act));
  });
  $("#ds-filter").addEventListener("change", () => { applyFilter(); review.current = null; review.unit = null; step(1); });
  $("#open-only").addEventListener("change", applyFilter);
  $("#conf-filter").addEventListener("change", applyFilter);
  // A filter that was just used gives focus back, so that letters typed next are keys, not a new choice.
  for (const control of ["#ds-filter", "#conf-filter", "#open-only"]) {
    $(control).addEventListener("change", (e) => e.target.blur());
  }
  $("#accept-rest").addEventListener("click", acceptRest);
  $("#edit-form").addEventListener("submit", submitEdit);
  $("#add-form").addEventListener("submit", submitAdd);
  $("#add-dataset").addEventListener("change", fillAddFields);
  $("#add-button").addEventListener("mousedown", (e) => e.preventDefault()); // keep the selection
  $("#add-button").addEventListener("click", openAdd);
  $$("dialog [data-close]").forEach((b) => b.addEventListener("click", () => b.closest("dialog").close()));
  setupKeys({
    j: () => step(1), k: () => step(-1), a: () => verdict("accept"), r: () => verdict("reject"),
    A: acceptRest, e: openEdit, u: () => undo(), n: openAdd,
  });
  for (const unit of $$("#panel-lists > li.unit")) unit.classList.toggle("done", !unitOpen(unit));
  window.addEventListener("scroll", () => {
    if (followPending) return;
    followPending = true;
    requestAnimationFrame(followText);
  }, { passive: true });
  const wanted = decodeURIComponent(location.hash.slice(1));
  if (wanted && itemOf(wanted)) select(wanted);
}

document.addEventListener("DOMContentLoaded", () => { setupIndex(); setupDocument(); });
