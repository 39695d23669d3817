// /console/: state machines (searchable) and activities.
"use strict";
async function listPage(main) {
  const search = h("input", { type: "search", id: "search", placeholder: "Search by name", "aria-label": "Search state machines" });
  const body = h("tbody");
  const acts = h("tbody");
  main.replaceChildren(h("h1", {}, "State machines"),
    h("p", {}, search, " ", h("a", { href: "/console/editor" }, "Create state machine")),
    h("table", { id: "machines" }, h("thead", {}, h("tr", {}, h("th", {}, "Name"), h("th", {}, "Type"), h("th", {}, "Created"))), body),
    h("h2", {}, "Activities"),
    h("table", { id: "activities" }, h("thead", {}, h("tr", {}, h("th", {}, "Name"), h("th", {}, "ARN"), h("th", {}, "Created"))), acts));
  let machines = [];
  const render = () => {
    const q = search.value.toLowerCase();
    const rows = machines.filter((s) => s.name.toLowerCase().includes(q)).map((s) =>
      h("tr", {}, h("td", {}, link("state-machine", s.stateMachineArn, s.name)), h("td", {}, s.type), h("td", {}, fmtTime(s.creationDate))));
    body.replaceChildren(...(rows.length ? rows : [h("tr", {}, h("td", { colspan: 3, class: "muted" }, "No state machines"))]));
  };
  search.addEventListener("input", render);
  try {
    machines = await sfn.all("ListStateMachines", { maxResults: 1000 }, "stateMachines");
    render();
    const list = await sfn.all("ListActivities", { maxResults: 1000 }, "activities");
    acts.replaceChildren(...(list.length ? list.map((a) => h("tr", {}, h("td", {}, a.name), h("td", {}, a.activityArn), h("td", {}, fmtTime(a.creationDate))))
      : [h("tr", {}, h("td", { colspan: 3, class: "muted" }, "No activities"))]));
  } catch (e) { showError(body, e); }
}
