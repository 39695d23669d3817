// The console's only back end: the Step Functions API on this endpoint,
// called as every other client calls it (AWS JSON 1.0).
"use strict";
const sfn = {
  async call(op, body) {
    const r = await fetch("/", {
      method: "POST",
      headers: { "Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": "AWSStepFunctions." + op },
      body: JSON.stringify(body || {}),
    });
    const text = await r.text();
    const data = text ? JSON.parse(text) : {};
    if (!r.ok) {
      const code = String(data.__type || r.status).split("#").pop();
      const err = new Error(code + (data.message ? ": " + data.message : ""));
      err.code = code;
      throw err;
    }
    return data;
  },
  // all follows nextToken until the last page (bounded by limit items).
  async all(op, body, key, limit) {
    let out = [], token;
    do {
      const page = await sfn.call(op, Object.assign({}, body, token ? { nextToken: token } : {}));
      out = out.concat(page[key] || []);
      token = page.nextToken;
    } while (token && out.length < (limit || 100000));
    return out;
  },
};

// h builds an element: h("td", {class: "x"}, "text", child…).
function h(tag, attrs, ...kids) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null || v === false) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const k of kids.flat()) if (k != null) el.append(k instanceof Node ? k : String(k));
  return el;
}

function fmtTime(t) {
  if (t == null) return "";
  const d = new Date(typeof t === "number" ? t * 1000 : t);
  return isNaN(d) ? String(t) : d.toISOString().replace("T", " ").replace(/\.\d+Z$/, "Z");
}

function pretty(s) {
  if (s == null) return "";
  try { return JSON.stringify(JSON.parse(s), null, 2); } catch (e) { return String(s); }
}

function toast(msg) {
  const t = document.getElementById("toast");
  t.textContent = msg;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { t.textContent = ""; }, 6000);
}

function showError(where, err) {
  where.replaceChildren(h("p", { class: "error", role: "alert" }, String(err.message || err)));
}

function param(name) { return new URLSearchParams(location.search).get(name) || ""; }

function link(path, arn, text) {
  return h("a", { href: "/console/" + path + "?arn=" + encodeURIComponent(arn) }, text);
}

// Execution status as text with a marker, never by hue alone.
const execMarkers = { RUNNING: "▶", SUCCEEDED: "✓", FAILED: "✗", TIMED_OUT: "⏱", ABORTED: "■", PENDING_REDRIVE: "↻" };
function execStatus(s) { return h("span", { class: "badge" }, (execMarkers[s] || "") + " " + s); }
