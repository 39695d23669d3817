// /console/state-machine?arn=…: definition beside its graph, executions
// (status filter, paging), start execution, versions and aliases.
"use strict";
async function machinePage(main) {
  const arn = param("arn");
  let sm;
  try { sm = await sfn.call("DescribeStateMachine", { stateMachineArn: arn }); } catch (e) { return showError(main, e); }
  document.title = sm.name + " · Stepwise";
  const view = graphPanel();
  let def = {};
  try { def = JSON.parse(sm.definition); } catch (e) { /* shown as text */ }
  try { const gr = drawGraph(def); view.show(gr.svg); view.box.dataset.layoutMs = gr.ms.toFixed(1); } catch (e) { showError(view.box, e); }
  const input = h("textarea", { id: "input", rows: 6, "aria-label": "Execution input (JSON)" }, "{}");
  const name = h("input", { type: "text", id: "exec-name", placeholder: "Name (optional)", "aria-label": "Execution name" });
  const startMsg = h("span", { role: "alert" });
  const start = h("button", { id: "start", onclick: async () => {
    try {
      JSON.parse(input.value);
      const body = { stateMachineArn: arn, input: input.value };
      if (name.value) body.name = name.value;
      const r = await sfn.call("StartExecution", body);
      location.href = "/console/execution?arn=" + encodeURIComponent(r.executionArn);
    } catch (e) { startMsg.textContent = String(e.message || e); startMsg.className = "error"; }
  } }, "Start execution");
  const filter = h("select", { id: "status-filter", "aria-label": "Status filter" },
    ["", "RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", "PENDING_REDRIVE"].map((s) => h("option", { value: s }, s || "All statuses")));
  const execBody = h("tbody");
  const more = h("button", { id: "more" }, "Load more");
  let token = null;
  const load = async (reset) => {
    if (reset) { token = null; execBody.replaceChildren(); }
    try {
      const body = { stateMachineArn: arn, maxResults: 20 };
      if (filter.value) body.statusFilter = filter.value;
      if (token) body.nextToken = token;
      const r = await sfn.call("ListExecutions", body);
      for (const x of r.executions || []) {
        execBody.append(h("tr", {}, h("td", {}, link("execution", x.executionArn, x.name)), h("td", {}, execStatus(x.status)),
          h("td", {}, fmtTime(x.startDate)), h("td", {}, fmtTime(x.stopDate))));
      }
      if (!execBody.children.length) execBody.append(h("tr", {}, h("td", { colspan: 4, class: "muted" }, "No executions")));
      token = r.nextToken || null;
      more.hidden = !token;
    } catch (e) { showError(execBody, e); }
  };
  filter.addEventListener("change", () => load(true));
  more.addEventListener("click", () => load(false));
  const versions = h("ul", { id: "versions" });
  main.replaceChildren(
    h("h1", {}, sm.name),
    h("div", { class: "kv" }, h("span", {}, "ARN"), h("code", {}, sm.stateMachineArn), h("span", {}, "Type"), h("span", {}, sm.type),
      h("span", {}, "Status"), h("span", {}, sm.status || ""), h("span", {}, "Created"), h("span", {}, fmtTime(sm.creationDate))),
    h("p", {}, h("a", { href: "/console/editor?arn=" + encodeURIComponent(arn) }, "Edit definition")),
    h("div", { class: "cols" },
      h("section", { class: "panel", "aria-label": "Definition" }, h("h2", {}, "Definition"), h("pre", { id: "definition" }, pretty(sm.definition))),
      h("section", { "aria-label": "Graph" }, h("h2", {}, "Graph"), view.tools, view.box)),
    h("h2", {}, "Start execution"), name, input, h("p", {}, start, startMsg),
    h("h2", {}, "Executions"), h("p", {}, filter),
    h("table", { id: "executions" }, h("thead", {}, h("tr", {}, h("th", {}, "Name"), h("th", {}, "Status"), h("th", {}, "Started"), h("th", {}, "Stopped"))), execBody),
    more,
    h("h2", {}, "Versions and aliases"), versions);
  load(true);
  try {
    const vs = await sfn.all("ListStateMachineVersions", { stateMachineArn: arn }, "stateMachineVersions");
    const as = await sfn.all("ListStateMachineAliases", { stateMachineArn: arn }, "stateMachineAliases");
    const items = vs.map((v) => h("li", {}, "Version ", h("code", {}, v.stateMachineVersionArn), " ", fmtTime(v.creationDate)))
      .concat(as.map((a) => h("li", {}, "Alias ", h("code", {}, a.stateMachineAliasArn), " ", fmtTime(a.creationDate))));
    versions.replaceChildren(...(items.length ? items : [h("li", { class: "muted" }, "None")]));
  } catch (e) { showError(versions, e); }
}
