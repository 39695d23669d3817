// /console/execution?arn=…: the graph coloured by each state's status,
// updated by polling while the execution runs; steps, raw events, the
// selected step's data; stop and redrive.
"use strict";

// historyStatuses mirrors shared/graph's Statuses: every event belongs,
// through previousEventId, to the state entry it follows; a state entered
// several times shows its most telling status.
const statusRank = { "not-reached": 0, succeeded: 1, caught: 2, aborted: 3, running: 4, failed: 5 };
function historyStatuses(events) {
  const owner = {}, visits = [], group = {}, types = {};
  let end = "";
  for (const e of events) {
    const t = e.type;
    let v = owner[e.previousEventId];
    let g = group[e.previousEventId] || "";
    if (t === "MapIterationStarted") {
      const d = e.mapIterationStartedEventDetails || {};
      g = (g ? g + " › " : "") + (d.name || "") + " #" + d.index;
    }
    if (t.endsWith("StateEntered")) {
      const name = e.stateEnteredEventDetails.name;
      if (types[e.previousEventId] === "ParallelStateStarted" && v) g = (g ? g + " › " : "") + v.name + " branch " + name;
      v = { name, entered: e, failed: false, exited: null, errors: [], group: g };
      visits.push(v);
    } else if (t.endsWith("StateExited")) {
      const name = e.stateExitedEventDetails.name;
      if (!(v && v.name === name && !v.exited)) v = visits.slice().reverse().find((x) => x.name === name && !x.exited);
      if (v) { v.exited = e; g = v.group; }
    } else if (t.startsWith("Execution") && t !== "ExecutionStarted") {
      end = t;
    } else if (v && /Failed$|TimedOut$|Aborted$/.test(t)) {
      v.failed = true; v.errors.push(e);
    } else if (v && /Scheduled$|StateStarted$/.test(t)) {
      v.failed = false;
    }
    owner[e.id] = v;
    group[e.id] = g;
    types[e.id] = t;
  }
  const statuses = {};
  for (const v of visits) {
    v.status = visitStatus(v, end);
    if (!(v.name in statuses) || statusRank[v.status] > statusRank[statuses[v.name]]) statuses[v.name] = v.status;
  }
  return { statuses, visits };
}

function visitStatus(v, end) {
  if (v.exited && v.failed) return "caught";
  if (v.exited) return "succeeded";
  if (v.failed) return "failed";
  if (end === "ExecutionAborted") return "aborted";
  if (end === "ExecutionFailed" || end === "ExecutionTimedOut") return "failed";
  if (end === "") return "running";
  return "succeeded";
}

function eventDetails(e) {
  const k = Object.keys(e).find((x) => x.endsWith("EventDetails"));
  return k ? e[k] : null;
}

const historyPage = 200;

// mapRunLinks lists the map runs a Distributed Map of this execution started.
function mapRunLinks(events) {
  const runs = events.filter((e) => e.type === "MapRunStarted").map((e) => e.mapRunStartedEventDetails.mapRunArn);
  if (!runs.length) return null;
  return [h("span", {}, "Map runs"), h("span", { id: "map-runs" }, runs.flatMap((a, i) => [i ? ", " : "", link("map-run", a, a.split(":").slice(-2).join(":"))]))];
}

async function executionPage(main) {
  const arn = param("arn");
  let ex;
  try { ex = await sfn.call("DescribeExecution", { executionArn: arn }); } catch (e) { return showError(main, e); }
  const sm = await sfn.call("DescribeStateMachineForExecution", { executionArn: arn });
  document.title = ex.name + " · Stepwise";
  let def = {};
  try { def = JSON.parse(sm.definition); } catch (e) { /* no graph */ }
  let selected = null, visits = [], events = [];
  const detail = h("section", { class: "panel", id: "step-detail", "aria-live": "polite" }, h("p", { class: "muted" }, "Select a state in the graph or the table."));
  const graph = drawGraph(def, (name) => selectState(name));
  const view = graphPanel();
  view.show(graph.svg);
  const summary = h("div", { id: "summary" });
  const steps = h("tbody", { id: "steps" });
  const eventsBody = h("tbody", { id: "events" });
  const stop = h("button", { id: "stop", onclick: async () => {
    try { await sfn.call("StopExecution", { executionArn: arn, error: "Stopped", cause: "Stopped from the Stepwise console" }); toast("Stop requested"); poll(); } catch (e) { toast(e.message); }
  } }, "Stop execution");
  const redrive = h("button", { id: "redrive", onclick: async () => {
    try { await sfn.call("RedriveExecution", { executionArn: arn }); toast("Redrive started"); poll(); } catch (e) { toast(e.message); }
  } }, "Redrive");
  main.replaceChildren(
    h("h1", {}, ex.name),
    h("p", {}, "State machine: ", link("state-machine", sm.stateMachineArn, sm.name)),
    summary, h("p", {}, stop, redrive),
    h("div", { class: "cols" },
      h("section", { "aria-label": "Graph" }, h("h2", {}, "Graph"), legend(), view.tools, view.box),
      h("section", {}, h("h2", {}, "Step details"), detail)),
    h("h2", {}, "Steps"),
    h("table", { id: "step-table" }, h("thead", {}, h("tr", {}, ["State", "Type", "Status", "Started", "Duration", "Map iteration / Parallel branch"].map((x) => h("th", {}, x)))), steps),
    h("details", { id: "event-view" }, h("summary", {}, "Events (raw history)"),
      h("table", {}, h("thead", {}, h("tr", {}, ["ID", "Type", "Timestamp", "Details"].map((x) => h("th", {}, x)))), eventsBody)));

  function selectState(name) {
    const v = visits.slice().reverse().find((x) => x.name === name);
    selected = name;
    graph.select(name);
    for (const tr of steps.children) tr.classList.toggle("selected", tr.dataset.state === name);
    if (!v) { detail.replaceChildren(h("h3", {}, name), h("p", {}, statusMarkers["not-reached"])); return; }
    showVisit(v);
  }
  function showVisit(v) {
    const entered = v.entered.stateEnteredEventDetails, exited = v.exited && v.exited.stateExitedEventDetails;
    const kids = [h("h3", {}, v.name), h("p", { class: "badge", id: "step-status" }, statusMarkers[v.status])];
    for (const e of v.errors) {
      const d = eventDetails(e) || {};
      kids.push(h("h4", {}, "Error (" + e.type + ")"), h("pre", { class: "step-error" }, (d.error || "") + (d.cause ? "\n" + pretty(d.cause) : "")));
    }
    kids.push(h("h4", {}, "Input"), h("pre", { id: "step-input" }, pretty(entered.input)));
    kids.push(h("h4", {}, "Output"), h("pre", { id: "step-output" }, exited ? pretty(exited.output) : "(none yet)"));
    const params = events.filter((e) => e.previousEventId >= v.entered.id && /Scheduled$/.test(e.type)).map(eventDetails).find((d) => d && d.parameters);
    if (params) kids.push(h("h4", {}, "Parameters"), h("pre", { id: "step-parameters" }, pretty(params.parameters)));
    const children = childLinks(events, v);
    if (children) kids.push(...children);
    detail.replaceChildren(...kids);
  }
  function render() {
    const r = historyStatuses(events);
    visits = r.visits;
    graph.setStatuses(r.statuses);
    summary.replaceChildren(h("div", { class: "kv" },
      h("span", {}, "Status"), h("span", { id: "exec-status" }, execStatus(ex.status)),
      h("span", {}, "Started"), h("span", {}, fmtTime(ex.startDate)),
      h("span", {}, "Stopped"), h("span", {}, fmtTime(ex.stopDate)),
      ex.redriveCount ? [h("span", {}, "Redrives"), h("span", { id: "redrive-count" }, ex.redriveCount + (ex.redriveDate ? " (last " + fmtTime(ex.redriveDate) + ")" : ""))] : null,
      ex.error ? [h("span", {}, "Error"), h("span", { class: "error" }, ex.error)] : null,
      ex.cause ? [h("span", {}, "Cause"), h("pre", {}, pretty(ex.cause))] : null,
      mapRunLinks(events), startedByLink(ex.input)),
      h("div", { class: "cols" },
        h("section", {}, h("h3", {}, "Input"), h("pre", { id: "exec-input" }, pretty(ex.input))),
        h("section", {}, h("h3", {}, "Output"), h("pre", { id: "exec-output" }, ex.output != null ? pretty(ex.output) : "(none)"))));
    stop.disabled = ex.status !== "RUNNING";
    redrive.disabled = !["FAILED", "TIMED_OUT", "ABORTED"].includes(ex.status);
    // Polling redraws the rows; a keyboard user keeps the focused one.
    const focused = steps.contains(document.activeElement) ? [...steps.children].indexOf(document.activeElement) : -1;
    steps.replaceChildren(...visits.map((v) => {
      const start = new Date(v.entered.timestamp * 1000 || v.entered.timestamp);
      const stopT = v.exited ? new Date(v.exited.timestamp * 1000 || v.exited.timestamp) : null;
      const tr = h("tr", { class: "step", tabindex: 0, "data-state": v.name },
        h("td", {}, v.name), h("td", {}, v.entered.type.replace(/StateEntered$/, "")), h("td", {}, statusMarkers[v.status]),
        h("td", {}, fmtTime(v.entered.timestamp)), h("td", {}, stopT ? (stopT - start) + " ms" : ""), h("td", { class: "group-cell" }, v.group));
      tr.addEventListener("click", () => { selectState(v.name); showVisit(v); });
      tr.addEventListener("keydown", (ev) => { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); selectState(v.name); showVisit(v); } });
      if (v.name === selected) tr.classList.add("selected");
      return tr;
    }));
    if (focused >= 0 && steps.children[focused]) steps.children[focused].focus();
    eventsBody.replaceChildren(...events.map((e) => h("tr", {}, h("td", {}, e.id), h("td", {}, e.type), h("td", {}, fmtTime(e.timestamp)),
      h("td", {}, h("pre", {}, JSON.stringify(eventDetails(e) || {}, null, 1))))));
    if (selected) { const v = visits.slice().reverse().find((x) => x.name === selected); if (v) showVisit(v); }
  }
  // History is append-only: each tick re-reads only the page that held the
  // last event (from the token that fetched it) and what follows it, not the
  // whole history. window.__historyReads records the calls, for the tests.
  let tailToken = null, shown = "";
  window.__historyReads = [];
  async function readNewEvents() {
    let added = 0;
    for (;;) {
      const req = { executionArn: arn, maxResults: historyPage };
      if (tailToken) req.nextToken = tailToken;
      const page = await sfn.call("GetExecutionHistory", req);
      const got = page.events || [];
      window.__historyReads.push({ token: !!tailToken, events: got.length });
      const last = events.length ? events[events.length - 1].id : 0;
      const fresh = got.filter((e) => e.id > last);
      events = events.concat(fresh);
      added += fresh.length;
      if (!page.nextToken) return added;
      tailToken = page.nextToken;
    }
  }
  let timer = null;
  async function poll() {
    clearTimeout(timer);
    try {
      ex = await sfn.call("DescribeExecution", { executionArn: arn });
      const before = ex.status + "|" + (ex.redriveCount || 0);
      const added = await readNewEvents();
      if (added || before !== shown) { shown = before; render(); }
    } catch (e) { toast(e.message); }
    if (ex.status === "RUNNING") timer = setTimeout(poll, 1000);
  }
  await poll();
}
