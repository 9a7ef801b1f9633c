// Domovoy status page: renders /api/status and keeps it current from the live streams (Server-Sent Events).
// Plain JS, no build step. Text goes in through textContent only, never as HTML.
"use strict";

const LEVELS = ["trace", "debug", "information", "warning", "error", "critical"];
const MAX_LOG_LINES = 500;
const pending = new Set();
let status = null;
let selectedApp = null;
let hostLog = null;
let appLog = null;

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children) {
    if (child !== null && child !== undefined) node.append(child);
  }
  return node;
}

function time(iso) {
  if (!iso) return "";
  const d = new Date(iso);
  return d.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false });
}

function ago(iso) {
  if (!iso) return "";
  const s = Math.max(0, Math.round((Date.now() - new Date(iso).getTime()) / 1000));
  if (s < 60) return s + " s ago";
  if (s < 3600) return Math.floor(s / 60) + " min ago";
  if (s < 86400) return Math.floor(s / 3600) + " h ago";
  return Math.floor(s / 86400) + " d ago";
}

function badge(state) {
  return el("span", { class: "badge s-" + state, text: state.replaceAll("_", " ") });
}

function toast(message) {
  const t = document.getElementById("toast");
  t.textContent = message;
  t.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { t.hidden = true; }, 4000);
}

async function post(url, label) {
  const response = await fetch(url, { method: "POST", credentials: "same-origin", headers: { "Accept": "application/json" } });
  if (response.status === 401) { location.href = "/login"; return null; }
  const body = await response.json().catch(() => ({}));
  if (!response.ok) { toast(label + " failed: " + (body.error || response.status)); return null; }
  return body;
}

async function appAction(name, action) {
  pending.add(name);
  render();
  try {
    const app = await post(`/api/apps/${encodeURIComponent(name)}/${action}`, `${action} ${name}`);
    if (app) toast(`${name}: ${action} done, now ${app.status}`);
  } finally {
    pending.delete(name);
    await refresh();
  }
}

async function retryPlugin(name) {
  const result = await post(`/api/plugins/${encodeURIComponent(name)}/retry`, `retry ${name}`);
  if (result) toast(`${name}: checking again…`);
}

function renderHeader() {
  const h = status.hass;
  const hass = document.getElementById("hass");
  hass.className = "badge s-" + h.state;
  hass.textContent = `Home Assistant ${h.simulated ? "(simulated) " : ""}${h.state.replaceAll("_", " ")}${h.ha_version ? " " + h.ha_version : ""}`;
  hass.title = `connected ${ago(h.connected_since) || "-"} · reconnects ${h.reconnects} · ${h.messages_per_second} msg/s · ${h.messages_total} messages`;
  const e = status.engine;
  const per = e.apps_per_status;
  document.getElementById("engine").textContent =
    `${per.running || 0}/${e.total_apps} apps running · ${e.loaded_plugins} plugins · ${e.reloads} reloads, ${e.failed_reloads} failed` +
    (e.leaked_plugin_versions ? ` · ${e.leaked_plugin_versions} leaked` : "") + (e.abandoned_apps ? ` · ${e.abandoned_apps} abandoned` : "") +
    ` · ${h.messages_per_second} msg/s`;
}

function renderApps() {
  const body = document.querySelector("#apps tbody");
  body.replaceChildren(...status.apps.map((app) => {
    const busy = pending.has(app.name);
    const disabled = app.status === "disabled";
    const actions = el("div", { class: "actions" },
      el("button", { type: "button", "data-action": "restart", disabled: busy || disabled, onclick: () => appAction(app.name, "restart"), text: "Restart" }),
      disabled
        ? el("button", { type: "button", "data-action": "enable", disabled: busy, onclick: () => appAction(app.name, "enable"), text: "Enable" })
        : el("button", { type: "button", "data-action": "disable", disabled: busy, onclick: () => appAction(app.name, "disable"), text: "Disable" }));
    const calls = app.callbacks.reduce((n, c) => n + c.times_called, 0);
    const failed = app.callbacks.reduce((n, c) => n + c.times_failed, 0);
    return el("tr", { "data-app": app.name, "data-status": app.status, "data-instance": app.instance_id },
      el("td", { "data-label": "App" }, el("a", { class: "app-link", href: "#" + app.name, onclick: (ev) => { ev.preventDefault(); openDetails(app.name); }, text: app.name })),
      el("td", { "data-label": "Class", text: app.class_name }),
      el("td", { "data-label": "Plugin", text: `${app.plugin} v${app.plugin_version}` }),
      el("td", { "data-label": "Status", class: "status" }, badge(app.status)),
      el("td", { "data-label": "Since", title: app.since || "", text: ago(app.since) }),
      el("td", { "data-label": "Callbacks", class: "num", text: `${app.callbacks.length} · ${calls} calls${failed ? ` · ${failed} failed` : ""}` }),
      el("td", { "data-label": "Queue", class: "num", text: `${app.queue.length}/${app.queue.capacity}${app.queue.dropped ? ` · ${app.queue.dropped} dropped` : ""}` }),
      el("td", { "data-label": "Last error", class: "error-text", title: app.last_error ? app.last_error.at : "" }, app.last_error ? `${time(app.last_error.at)} ${app.last_error.message}` : ""),
      el("td", { "data-label": "Actions" }, actions));
  }));
}

function renderPlugins() {
  const body = document.querySelector("#plugins tbody");
  body.replaceChildren(...status.plugins.map((p) => el("tr", { "data-plugin": p.name },
    el("td", { "data-label": "Plugin", text: p.name }),
    el("td", { "data-label": "Version", text: p.loaded_version ? "v" + p.loaded_version : "none" }),
    el("td", { "data-label": "Last failure", class: "error-text" }, p.last_failure ? `${p.last_failure}${p.failure_streak > 1 ? ` (×${p.failure_streak})` : ""}` : ""),
    el("td", { "data-label": "Leaked", text: p.leaked_versions.length ? p.leaked_versions.map((v) => "v" + v).join(", ") : "" }),
    el("td", { "data-label": "Reload history" }, el("ol", { class: "history" }, ...p.history.slice(-5).reverse().map((h) =>
      el("li", { title: h.detail || "" }, `${time(h.at)} ${h.outcome.replaceAll("_", " ")} v${h.version} in ${Math.round(h.duration_ms)} ms`, h.detail ? el("span", { class: "error-text", text: " " + h.detail }) : null)))),
    el("td", {}, p.last_failure ? el("button", { type: "button", "data-action": "retry", onclick: () => retryPlugin(p.name), text: "Retry" }) : null))));
}

function renderDetails() {
  const section = document.getElementById("details");
  const app = selectedApp && status.apps.find((a) => a.name === selectedApp);
  section.hidden = !app;
  if (!app) return;
  document.getElementById("details-name").textContent = `${app.name} (${app.class_name})`;
  document.querySelector("#callbacks tbody").replaceChildren(...app.callbacks.map((c) => el("tr", {},
    el("td", { "data-label": "Name", text: c.name, title: c.description }),
    el("td", { "data-label": "Kind", text: c.kind }),
    el("td", { "data-label": "Called", class: "num", text: String(c.times_called) }),
    el("td", { "data-label": "Failed", class: "num", text: String(c.times_failed) }),
    el("td", { "data-label": "Last call", text: time(c.last_call) }),
    el("td", { "data-label": "Next run", text: time(c.next_run) }),
    el("td", { "data-label": "Last error", class: "error-text", text: c.last_error ? `${time(c.last_error.at)} ${c.last_error.message}` : "" }))));
  document.getElementById("config").textContent = JSON.stringify(app.config, null, 2);
}

function render() {
  if (!status) return;
  renderHeader();
  renderApps();
  renderPlugins();
  renderDetails();
}

async function refresh() {
  const response = await fetch("/api/status", { credentials: "same-origin" });
  if (response.status === 401) { location.href = "/login"; return; }
  status = await response.json();
  render();
}

function fillLevels(select) {
  select.replaceChildren(...LEVELS.map((l) => el("option", { value: l, text: l, selected: l === "information" })));
}

// Follows a log stream into a list; returns the EventSource so it can be closed when the filter changes.
function followLog(list, url) {
  list.replaceChildren();
  const source = new EventSource(url);
  source.addEventListener("log", (event) => {
    const line = JSON.parse(event.data);
    const item = el("li", { class: "l-" + line.level, "data-seq": line.seq, "data-time": line.time, "data-received": Date.now(), "data-level": line.level },
      `${time(line.time)} ${line.level.slice(0, 4).toUpperCase()} ${line.category}: ${line.message}`);
    const atBottom = list.scrollTop + list.clientHeight >= list.scrollHeight - 4;
    list.append(item);
    while (list.childElementCount > MAX_LOG_LINES) list.firstElementChild.remove();
    if (atBottom) list.scrollTop = list.scrollHeight;
  });
  return source;
}

function startHostLog() {
  if (hostLog) hostLog.close();
  hostLog = followLog(document.getElementById("log"), `/api/logs/stream?level=${document.getElementById("level").value}`);
}

function openDetails(name) {
  selectedApp = name;
  if (appLog) appLog.close();
  appLog = followLog(document.getElementById("app-log"), `/api/logs/stream?app=${encodeURIComponent(name)}&level=${document.getElementById("app-level").value}`);
  render();
  document.getElementById("details").scrollIntoView({ behavior: "smooth" });
}

function closeDetails() {
  selectedApp = null;
  if (appLog) { appLog.close(); appLog = null; }
  render();
}

function startStatusStream() {
  const live = document.getElementById("live");
  const source = new EventSource("/api/status/stream");
  source.addEventListener("status", (event) => { status = JSON.parse(event.data); render(); });
  source.addEventListener("open", () => live.classList.add("on"));
  source.addEventListener("error", () => {
    live.classList.remove("on");
    // The session may have ended (host restarted with a new token): check and go to the login page if so.
    fetch("/api/engine", { credentials: "same-origin" }).then((r) => { if (r.status === 401) location.href = "/login"; }).catch(() => {});
  });
}

document.addEventListener("DOMContentLoaded", () => {
  fillLevels(document.getElementById("level"));
  fillLevels(document.getElementById("app-level"));
  document.getElementById("level").addEventListener("change", startHostLog);
  document.getElementById("app-level").addEventListener("change", () => { if (selectedApp) openDetails(selectedApp); });
  document.getElementById("details-close").addEventListener("click", closeDetails);
  refresh().then(() => {
    if (location.hash.length > 1) openDetails(decodeURIComponent(location.hash.slice(1)));
  });
  startStatusStream();
  startHostLog();
  setInterval(() => { if (status) renderApps(); }, 10000);
});
