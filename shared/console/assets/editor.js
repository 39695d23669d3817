// /console/editor: paste a definition, see its graph and AWS's validation
// diagnostics as you type, then create or update a state machine.
"use strict";
async function editorPage(main) {
  const arn = param("arn");
  const text = h("textarea", { id: "definition", rows: 24, wrap: "off", spellcheck: "false", "aria-label": "State machine definition (JSON)" });
  const lines = lineGutter(text);
  const diags = h("div", { id: "diagnostics", "aria-live": "polite" });
  const view = graphPanel();
  const name = h("input", { type: "text", id: "sm-name", placeholder: "Name", "aria-label": "State machine name" });
  const role = h("input", { type: "text", id: "role", size: 50, value: "arn:aws:iam::123456789012:role/stepwise", "aria-label": "Role ARN" });
  const type = h("select", { id: "sm-type", "aria-label": "Type" }, h("option", {}, "STANDARD"), h("option", {}, "EXPRESS"));
  const msg = h("span", { role: "alert" });
  const save = h("button", { id: "save", onclick: async () => {
    try {
      const r = arn ? await sfn.call("UpdateStateMachine", { stateMachineArn: arn, definition: text.value })
        : await sfn.call("CreateStateMachine", { name: name.value, definition: text.value, roleArn: role.value, type: type.value });
      location.href = "/console/state-machine?arn=" + encodeURIComponent(arn || r.stateMachineArn);
    } catch (e) { msg.textContent = String(e.message || e); msg.className = "error"; }
  } }, arn ? "Update state machine" : "Create state machine");
  main.replaceChildren(h("h1", {}, arn ? "Edit state machine" : "New state machine"),
    arn ? h("p", {}, h("code", {}, arn)) : h("p", {}, name, " ", type, " ", role),
    h("p", {}, save, msg),
    h("div", { class: "cols" },
      h("section", {}, h("h2", {}, "Definition"), lines.box, h("h2", {}, "Diagnostics"), diags),
      h("section", { "aria-label": "Graph" }, h("h2", {}, "Graph"), view.tools, view.box)));
  if (arn) {
    try { text.value = pretty((await sfn.call("DescribeStateMachine", { stateMachineArn: arn })).definition); } catch (e) { showError(diags, e); }
  } else {
    text.value = JSON.stringify({ Comment: "A new state machine", StartAt: "Hello", States: { Hello: { Type: "Pass", End: true } } }, null, 2);
  }
  let seq = 0, timer = null, graph = null;
  // stateOf names the state a diagnostic's location (/States/A/Next) points into.
  const stateOf = (loc) => { const m = /\/States\/([^/]+)(?!.*\/States\/)/.exec(loc || ""); return m ? m[1] : null; };
  // reveal selects a diagnostic's line in the definition.
  const reveal = (line) => {
    const all = text.value.split("\n");
    const at = all.slice(0, line - 1).join("\n").length + (line > 1 ? 1 : 0);
    text.focus();
    text.setSelectionRange(at, at + (all[line - 1] || "").length);
  };
  const check = async () => {
    const mine = ++seq;
    let def = null;
    let parseLine = 0;
    try { def = JSON.parse(text.value); } catch (e) { parseLine = lineOfParseError(text.value, e); }
    if (def) {
      try { graph = drawGraph(def); view.show(graph.svg); } catch (e) { showError(view.box, e); }
    }
    try {
      const r = await sfn.call("ValidateStateMachineDefinition", { definition: text.value, type: arn ? undefined : type.value });
      if (mine !== seq) return;
      const list = r.diagnostics || [];
      if (graph) graph.mark(list.map((d) => stateOf(d.location)).filter(Boolean));
      // Invalid JSON gets a syntax diagnostic only; the browser's parser says where.
      const lineOf = (d) => parseLine || (d.location ? lineOfPath(text.value, d.location) : 1);
      const marks = {};
      for (const d of list) (marks[lineOf(d)] = marks[lineOf(d)] || []).push(d.severity + " " + d.code + ": " + d.message);
      lines.update(marks);
      diags.replaceChildren(...(list.length ? list.map((d) => h("div", { class: "diag " + d.severity, tabindex: 0, role: "button", "data-line": lineOf(d),
        onclick: () => reveal(lineOf(d)), onkeydown: (ev) => { if (ev.key === "Enter") reveal(lineOf(d)); } },
        h("strong", {}, d.severity + " " + d.code), " on line " + lineOf(d), d.location ? [" at ", h("code", {}, d.location)] : null, h("div", {}, d.message)))
        : [h("p", { class: "ok" }, "✓ " + (r.result || "OK") + ": no diagnostics")]));
    } catch (e) { if (mine === seq) showError(diags, e); }
  };
  text.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(check, 300); });
  type.addEventListener("change", check);
  check();
}
