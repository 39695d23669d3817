// /console/map-run?arn=…: a Distributed Map run's item and execution
// counters (DescribeMapRun) and its child executions (ListExecutions with
// mapRunArn), refreshed while the run is running.
"use strict";
const mapRunCounters = ["pending", "running", "succeeded", "failed", "timedOut", "aborted", "total", "resultsWritten"];

async function mapRunPage(main) {
  const arn = param("arn");
  let run;
  try { run = await sfn.call("DescribeMapRun", { mapRunArn: arn }); } catch (e) { return showError(main, e); }
  document.title = "Map run · Stepwise";
  const summary = h("div", { id: "maprun-summary" });
  const counts = h("tbody", { id: "maprun-counts" });
  const children = h("tbody", { id: "maprun-children" });
  const more = h("button", { id: "maprun-more", hidden: true, onclick: () => loadChildren(false) }, "Load more");
  main.replaceChildren(h("h1", {}, "Map run"), h("p", {}, h("code", {}, arn)),
    h("p", {}, "Parent execution: ", link("execution", run.executionArn, run.executionArn.split(":").pop())),
    summary, h("h2", {}, "Counts"),
    h("table", { id: "maprun-count-table" }, h("thead", {}, h("tr", {}, h("th", {}, ""), mapRunCounters.map((c) => h("th", { scope: "col" }, c)))), counts),
    h("h2", {}, "Child executions"),
    h("table", { id: "maprun-executions" }, h("thead", {}, h("tr", {}, ["Name", "Status", "Started", "Stopped"].map((x) => h("th", {}, x)))), children), more);
  let token = null;
  async function loadChildren(first) {
    const page = await sfn.call("ListExecutions", Object.assign({ mapRunArn: arn, maxResults: 100 }, first || !token ? {} : { nextToken: token }));
    const rows = (page.executions || []).map((e) => h("tr", {}, h("td", {}, link("execution", e.executionArn, e.name)),
      h("td", {}, execStatus(e.status)), h("td", {}, fmtTime(e.startDate)), h("td", {}, fmtTime(e.stopDate))));
    if (first) children.replaceChildren(...rows); else children.append(...rows);
    if (!children.children.length) children.append(h("tr", {}, h("td", { colspan: 4 }, "No child executions yet")));
    token = page.nextToken || null;
    more.hidden = !token;
  }
  function render() {
    summary.replaceChildren(h("div", { class: "kv" },
      h("span", {}, "Status"), h("span", { id: "maprun-status" }, execStatus(run.status)),
      h("span", {}, "Started"), h("span", {}, fmtTime(run.startDate)),
      h("span", {}, "Stopped"), h("span", {}, fmtTime(run.stopDate)),
      h("span", {}, "Max concurrency"), h("span", {}, run.maxConcurrency || "unlimited"),
      h("span", {}, "Tolerated failures"), h("span", {}, run.toleratedFailurePercentage + "% / " + run.toleratedFailureCount)));
    counts.replaceChildren(...[["Items", run.itemCounts], ["Executions", run.executionCounts]].map(([label, c]) =>
      h("tr", { "data-kind": label.toLowerCase() }, h("th", { scope: "row" }, label), mapRunCounters.map((k) => h("td", { "data-counter": k }, (c || {})[k] || 0)))));
  }
  let timer = null;
  async function poll() {
    clearTimeout(timer);
    try {
      run = await sfn.call("DescribeMapRun", { mapRunArn: arn });
      render();
      // Only the first page refreshes: later pages stay as loaded.
      if (!token || children.children.length <= 100) await loadChildren(true);
    } catch (e) { toast(e.message); }
    if (run.status === "RUNNING") timer = setTimeout(poll, 1000);
  }
  await poll();
}
