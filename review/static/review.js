// dossier review: sorting/filtering the document list, and reviewing one document with mouse or keyboard.
// Every change goes through the JSON API (/docs); after it the page re-reads its own server-rendered parts.
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
}

// ---------- one document ----------

// Fields a reviewer edits per dataset: [name, type]. The server checks every value again.
const FIELDS = {
  actors: [["name", "text"], ["kind", "kind"], ["iso3", "text"], ["role", "text"], ["members", "list"]],
  mentions: [["actor_id", "actor"]],
  dates: [["value", "text"], ["relative", "bool"]],
  figures: [["value", "number"], ["unit", "text"], ["qualifier", "text"], ["per", "text"], ["item", "text"],
    ["actor_id", "actor"]],
  claims: [["source", "text"], ["hedged", "bool"], ["actor_ids", "list"], ["figure_ids", "list"],
    ["date_values", "list"]],
  tables: [["text", "text"], ["value", "number"], ["header", "text"]],
};
const ADD_FIELDS = {
  actors: [["name", "text"], ["kind", "kind"], ["iso3", "text"], ["role", "text"]],
  dates: [["value", "text"], ["relative", "bool"]],
  figures: [["value", "number"], ["unit", "text"], ["qualifier", "text"], ["per", "text"], ["item", "text"]],
  claims: [["source", "text"], ["hedged", "bool"]],
};
const HINTS = {
  iso3: "ISO 3166-1 alpha-3, e.g. KOR", value: "", unit: "percent, count, USD, km2…",
  members: "actor ids separated by ;", actor_ids: "separated by ;", figure_ids: "separated by ;",
  date_values: "ISO dates separated by ;",
};

const review = {
  docId: null,
  current: null,
  selection: null, // {start, end, text} of the text selected for adding
};

function jsonOf(id) {
  const node = document.getElementById(id);
  return node ? JSON.parse(node.textContent) : [];
}

function visibleItems() {
  return $$("#panel-lists li.item").filter((li) => !li.hidden && !li.closest("section").hidden);
}

function itemOf(id) {
  return $(`#panel-lists li.item[data-id="${CSS.escape(id)}"]`);
}

function select(id, { scroll = true, focusMark = false } = {}) {
  $$(".current").forEach((el) => el.classList.remove("current"));
  review.current = id;
  if (!id) return;
  const li = itemOf(id);
  const marks = $$(`#doc-text [data-id="${CSS.escape(id)}"]`);
  if (li) li.classList.add("current");
  marks.forEach((m) => m.classList.add("current"));
  history.replaceState(null, "", `#${encodeURIComponent(id)}`);
  if (scroll) {
    if (li) li.scrollIntoView({ block: "nearest" });
    if (marks[0]) marks[0].scrollIntoView({ block: "center" });
  }
  if (marks[0]) {
    if (focusMark) marks[0].focus({ preventScroll: true });
    showTip(marks[0]);
  } else {
    hideTip();
  }
}

function step(delta) {
  const items = visibleItems();
  if (!items.length) return;
  const at = items.findIndex((li) => li.dataset.id === review.current);
  const next = at < 0 ? (delta > 0 ? 0 : items.length - 1) : Math.min(items.length - 1, Math.max(0, at + delta));
  select(items[next].dataset.id);
}

function applyFilter() {
  const want = $("#ds-filter").value;
  const openOnly = $("#open-only").checked;
  for (const section of $$("#panel-lists section")) section.hidden = Boolean(want) && section.dataset.ds !== want;
  for (const li of $$("#panel-lists li.item")) li.hidden = openOnly && !li.classList.contains("st-open");
}

async function refresh() {
  const response = await fetch(location.pathname, { headers: { Accept: "text/html" } });
  const page = new DOMParser().parseFromString(await response.text(), "text/html");
  const scrollText = window.scrollY;
  const panelScroll = $("#panel").scrollTop;
  for (const id of ["doc-text", "panel-lists", "orphans", "history", "progress"]) {
    const fresh = page.getElementById(id);
    const old = document.getElementById(id);
    if (fresh && old) old.innerHTML = fresh.innerHTML;
  }
  const actors = page.getElementById("doc-actors");
  if (actors) $("#doc-actors").textContent = actors.textContent;
  applyFilter();
  window.scrollTo(0, scrollText);
  $("#panel").scrollTop = panelScroll;
  if (review.current) select(review.current, { scroll: false });
}

async function verdict(kind) {
  const id = review.current;
  if (!id) { say("Pick an extraction first (j/k or click)", true); return; }
  try {
    await api("POST", `/api/extractions/${encodeURIComponent(id)}/review`, { verdict: kind });
    const items = visibleItems();
    const at = items.findIndex((li) => li.dataset.id === id);
    await refresh();
    say(`${kind}ed`);
    // Like Prodigy: after a verdict the next item comes up.
    const after = visibleItems();
    if (at >= 0 && at + 1 < items.length) {
      const nextId = items[at + 1].dataset.id;
      if (after.some((li) => li.dataset.id === nextId)) select(nextId);
    } else if ($("#open-only").checked && after.length) {
      select(after[Math.min(at, after.length - 1)].dataset.id);
    }
  } catch (error) {
    say(error.message, true);
  }
}

async function undo(reviewId) {
  if (!reviewId) {
    const live = $("#history li.live");
    if (!live) { say("Nothing to undo", true); return; }
    reviewId = live.dataset.reviewId;
  }
  try {
    const result = await api("POST", `/api/reviews/${reviewId}/undo`);
    await refresh();
    say(`undone: review ${result.undone.join(", ")}`);
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
  box.replaceChildren(...FIELDS[dataset].map(([name, type]) => fieldInput(name, type, item[name])));
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
  const rect = target.getBoundingClientRect();
  tip.style.top = `${window.scrollY + rect.top - 30}px`;
  tip.style.left = `${window.scrollX + rect.left}px`;
  tip.hidden = false;
}

function hideTip() {
  const tip = $("#tip");
  if (tip) tip.hidden = true;
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
    if (mark && window.getSelection().isCollapsed) select(mark.dataset.id, { scroll: false });
  });
  textBox.addEventListener("mouseup", () => setTimeout(noteSelection, 0));
  document.addEventListener("selectionchange", () => { if (!readSelection()) $("#add-button").hidden = true; });
  $("#panel").addEventListener("click", (e) => {
    const undoButton = e.target.closest("[data-undo]");
    if (undoButton) { undo(undoButton.dataset.undo); return; }
    const li = e.target.closest("li.item");
    if (!li) return;
    select(li.dataset.id);
    const act = e.target.closest("[data-act]");
    if (act) (act.dataset.act === "edit" ? openEdit() : verdict(act.dataset.act));
  });
  $("#ds-filter").addEventListener("change", () => { applyFilter(); review.current = null; step(1); });
  $("#open-only").addEventListener("change", applyFilter);
  $("#edit-form").addEventListener("submit", submitEdit);
  $("#add-form").addEventListener("submit", submitAdd);
  $("#add-dataset").addEventListener("change", fillAddFields);
  $("#add-button").addEventListener("mousedown", (e) => e.preventDefault()); // keep the selection
  $("#add-button").addEventListener("click", openAdd);
  $$("dialog [data-close]").forEach((b) => b.addEventListener("click", () => b.closest("dialog").close()));
  document.addEventListener("keydown", (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey || $("dialog[open]")) return;
    if (e.target.closest("input, select, textarea")) return;
    const actions = {
      j: () => step(1), k: () => step(-1), a: () => verdict("accept"), r: () => verdict("reject"),
      e: openEdit, u: () => undo(), n: openAdd,
    };
    const action = actions[e.key];
    if (action) { e.preventDefault(); action(); }
  });
  const wanted = decodeURIComponent(location.hash.slice(1));
  if (wanted && itemOf(wanted)) select(wanted);
}

document.addEventListener("DOMContentLoaded", () => { setupIndex(); setupDocument(); });
