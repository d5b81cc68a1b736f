// Understudy Studio: makes the server-rendered pages live through the JSON API (/api). No framework.
"use strict";

async function api(method, path, body) {
  const response = await fetch(path, { method, headers: body ? { "Content-Type": "application/json" } : {}, body: body ? JSON.stringify(body) : undefined });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error((data.error && data.error.message) || `${response.status}`);
  return data;
}

function say(text, kind) {
  const status = document.getElementById("status");
  if (!status) return;
  status.textContent = text;
  status.className = "status " + (kind || "");
}

function cell(value) {
  if (value === null) return "NULL";
  return typeof value === "string" ? value : JSON.stringify(value);
}

async function loadPreview(table) {
  const target = document.getElementById("preview");
  try {
    const preview = await api("GET", `/api/tables/${encodeURIComponent(table)}/preview?limit=5`);
    const head = preview.columns.map((c) => `<th scope="col">${escapeHTML(c)}${preview.transformed.includes(c) ? " *" : ""}</th>`).join("");
    const rows = preview.rows.map((row) => "<tr>" + preview.columns.map((c) => {
      const before = cell(row.before[c]), after = cell(row.after[c]);
      return before === after ? `<td>${escapeHTML(before)}</td>` : `<td class="changed"><s>${escapeHTML(before)}</s><span class="after">${escapeHTML(after)}</span></td>`;
    }).join("") + "</tr>").join("");
    const caption = preview.mode === "synthesize"
      ? `${preview.rows.length} source rows, each beside a synthesized row: the synthesized rows are new rows from the table's model, not these rows changed`
      : `${preview.rows.length} rows; * marks transformed columns`;
    target.innerHTML = `<table class="grid preview"><caption>${caption}</caption><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`;
  } catch (error) {
    target.innerHTML = `<p class="alert danger" role="alert">${escapeHTML(error.message)}</p>`;
  }
}

function escapeHTML(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

// A generator's parameters as a form built from its definition (GET /api/generators).
function renderParams(container, definition, values) {
  container.innerHTML = "";
  if (!definition || container.dataset.disabled) return;
  const column = container.closest("tr").dataset.column;
  for (const p of definition.parameters) {
    const id = `p-${column}-${p.name}`;
    const value = values[p.name] !== undefined ? values[p.name] : undefined;
    const label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = p.name + (p.required ? " *" : "");
    label.title = p.summary;
    let input;
    if (p.kind === "boolean") {
      input = document.createElement("input");
      input.type = "checkbox";
      input.checked = value !== undefined ? !!value : !!p.default;
    } else if (p.kind === "choice") {
      input = document.createElement("select");
      for (const choice of p.choices) {
        const option = document.createElement("option");
        option.textContent = choice;
        input.appendChild(option);
      }
      input.value = value !== undefined ? value : (p.default !== undefined ? p.default : p.choices[0]);
    } else {
      input = document.createElement("input");
      input.type = p.kind === "integer" || p.kind === "number" ? "number" : "text";
      if (p.kind === "number") input.step = "any";
      const simple = ["string", "integer", "number", "scalar", "column"].includes(p.kind);
      input.value = value === undefined ? "" : simple ? String(value) : JSON.stringify(value);
      input.placeholder = p.default !== undefined && p.default !== null ? (simple ? String(p.default) : JSON.stringify(p.default)) : (simple ? "" : "JSON");
    }
    input.id = id;
    input.name = p.name;
    input.dataset.kind = p.kind;
    input.title = p.summary;
    const field = document.createElement("span");
    field.className = "param";
    field.append(label, input);
    container.appendChild(field);
  }
}

function readParams(container) {
  const params = {};
  for (const input of container.querySelectorAll("input, select")) {
    const kind = input.dataset.kind;
    if (kind === "boolean") { params[input.name] = input.checked; continue; }
    const text = input.value.trim();
    if (text === "") continue;
    if (kind === "integer") params[input.name] = parseInt(text, 10);
    else if (kind === "number") params[input.name] = parseFloat(text);
    else if (["string", "scalar", "column", "choice"].includes(kind)) params[input.name] = text;
    else params[input.name] = JSON.parse(text);
  }
  return params;
}

async function tablePage(root) {
  const table = root.dataset.table;
  const definitions = {};
  for (const g of await api("GET", "/api/generators")) definitions[g.name] = g;
  root.querySelectorAll("tr[data-column]").forEach((row) => {
    const select = row.querySelector("select.generator"), form = row.querySelector(".param-form");
    renderParams(form, definitions[select.value], JSON.parse(form.dataset.params || "{}"));
    select.addEventListener("change", () => renderParams(form, definitions[select.value], {}));
  });
  root.querySelectorAll("tr[data-column] button.save").forEach((button) => {
    button.addEventListener("click", async () => {
      const row = button.closest("tr");
      const column = row.dataset.column;
      const generator = row.querySelector("select.generator").value;
      let params;
      try { params = readParams(row.querySelector(".param-form")); } catch (e) { say(`${column}: a parameter is not valid JSON`, "error"); return; }
      say(`Saving ${column}…`);
      try {
        await api("PUT", `/api/tables/${encodeURIComponent(table)}/columns/${encodeURIComponent(column)}`, { generator, params });
        say(`${column}: ${generator} saved to the workspace`, "done");
        loadPreview(table);
      } catch (error) {
        say(error.message, "error");
      }
    });
  });
  document.getElementById("save-mode").addEventListener("click", async () => {
    const mode = document.getElementById("mode").value;
    try {
      await api("PUT", `/api/tables/${encodeURIComponent(table)}`, { mode });
      say(`mode ${mode} saved to the workspace`, "done");
      loadPreview(table);
    } catch (error) {
      say(error.message, "error");
    }
  });
  loadPreview(table);
}

function schemaPage(root) {
  document.getElementById("ack").addEventListener("click", async () => {
    const columns = [...root.querySelectorAll("input.target:checked")].map((box) => box.value);
    const generator = document.getElementById("ack-generator").value || undefined;
    if (columns.length === 0) { say("Select at least one change", "error"); return; }
    try {
      const done = await api("POST", "/api/schema/ack", { columns, generator });
      say(`Acknowledged ${done.length} change(s)`, "done");
      setTimeout(() => location.reload(), 600);
    } catch (error) {
      say(error.message, "error");
    }
  });
}

function objectsPage(root) {
  document.getElementById("save-objects").addEventListener("click", async () => {
    const excluded = [...root.querySelectorAll("input.excluded:checked")].map((box) => box.value);
    try {
      const objects = await api("PUT", "/api/objects", { excluded });
      say(`Saved: ${objects.filter((o) => o.excluded).length} object(s) left out`, "done");
      setTimeout(() => location.reload(), 600);
    } catch (error) {
      say(error.message, "error");
    }
  });
}

function subsetPage(root) {
  const form = document.getElementById("subset-form");
  const body = form.querySelector("tbody");
  body.addEventListener("click", (event) => {
    if (!event.target.classList.contains("remove-target")) return;
    if (body.querySelectorAll("tr.target").length > 1) event.target.closest("tr").remove();
  });
  document.getElementById("add-target").addEventListener("click", () => {
    const rows = body.querySelectorAll("tr.target");
    const copy = rows[rows.length - 1].cloneNode(true);
    const n = rows.length;
    copy.querySelectorAll("[id]").forEach((element) => { element.id = element.id.replace(/-\d+$/, `-${n}`); });
    copy.querySelectorAll("input").forEach((input) => { input.value = ""; });
    body.appendChild(copy);
    copy.querySelector("select").focus();
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const targets = [...body.querySelectorAll("tr.target")].map((row) => {
      const value = (name) => row.querySelector(`[name="${name}"]`).value.trim();
      const target = { table: value("table") };
      if (value("where")) target.where = value("where");
      if (value("percent")) target.percent = Number(value("percent"));
      if (value("limit")) target.limit = Number(value("limit"));
      return target;
    });
    try {
      const explanation = await api("PUT", "/api/subset", { targets, downstream: document.getElementById("downstream").checked });
      say(`Saved to the workspace: ${explanation.total_rows} rows in the slice`, "done");
      setTimeout(() => location.reload(), 600);
    } catch (error) {
      say(error.message, "error");
    }
  });
  const remove = document.getElementById("remove-subset");
  if (remove) remove.addEventListener("click", async () => {
    try {
      await api("DELETE", "/api/subset");
      say("Removed: runs copy every row", "done");
      setTimeout(() => location.reload(), 600);
    } catch (error) {
      say(error.message, "error");
    }
  });
}

function runsPage() {
  const start = document.getElementById("start"), cancel = document.getElementById("cancel");
  let current = null;
  function show(run) {
    const progress = document.getElementById("progress");
    progress.innerHTML = run.tables.map((t) => `<p>${escapeHTML(t.name)} <progress max="${Math.max(1, t.expected_rows)}" value="${t.done ? Math.max(1, t.expected_rows) : t.rows}"></progress> ${t.rows} rows${t.done ? " ✓" : ""}</p>`).join("");
    if (run.status === "queued" || run.status === "running") {
      say(`Run ${run.id}: ${run.status}${run.phase ? " — " + run.phase : ""}`);
      return false;
    }
    say(`Run ${run.id} ${run.status}${run.error ? ": " + run.error : ""}`, run.status === "succeeded" ? "done" : "error");
    cancel.hidden = true;
    start.disabled = false;
    setTimeout(() => location.reload(), 800);
    return true;
  }
  // Live progress by server-sent events.
  function follow() {
    const events = new EventSource(`/api/runs/${current}/events`);
    events.addEventListener("run", (event) => { if (show(JSON.parse(event.data))) events.close(); });
    events.onerror = () => { events.close(); api("GET", `/api/runs/${current}`).then(show); };
  }
  start.addEventListener("click", async () => {
    try {
      start.disabled = true;
      current = (await api("POST", "/api/runs")).id;
      cancel.hidden = false;
      follow();
    } catch (error) {
      start.disabled = false;
      say(error.message, "error");
    }
  });
  cancel.addEventListener("click", async () => { if (current) await api("POST", `/api/runs/${current}/cancel`); });
}

// The first page where no workspace is yet: POST /api/workspace, then the overview of the workspace made.
function setupPage(form) {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const button = form.querySelector("button");
    button.disabled = true;
    say("Reading the source's tables and columns…");
    try {
      const made = await api("POST", "/api/workspace", { source: form.source.value.trim(), destination: form.destination.value.trim() });
      const summary = `Wrote ${made.workspace}: ${made.tables} tables, ${made.columns} columns, ${made.suggested} with a suggested generator.`;
      if (!made.notes.length) {
        say(summary, "done");
        setTimeout(() => { location.href = "/"; }, 800);
        return;
      }
      // Notes (a password left out of the file, schemas not copied) stay on the page until read.
      say(summary, "done");
      const notes = document.createElement("div");
      notes.className = "alert warn";
      notes.setAttribute("role", "alert");
      notes.innerHTML = "<p>" + made.notes.map(escapeHTML).join("</p><p>") + '</p><p><a href="/">Open the overview</a></p>';
      form.replaceWith(notes);
    } catch (error) {
      button.disabled = false;
      say(error.message, "error");
    }
  });
}

document.addEventListener("DOMContentLoaded", () => {
  const setup = document.getElementById("setup");
  if (setup) setupPage(setup);
  const table = document.getElementById("table");
  if (table) tablePage(table);
  const schema = document.getElementById("schema");
  if (schema) schemaPage(schema);
  if (document.getElementById("runs")) runsPage();
  const subset = document.getElementById("subset");
  if (subset) subsetPage(subset);
  const objects = document.getElementById("objects");
  if (objects) objectsPage(objects);
});
