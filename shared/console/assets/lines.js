// Line markers for the editor: a gutter of line numbers beside the
// definition, with the lines a diagnostic points at marked (a "!" and a
// colour, titled with the message), so the location is seen, not only read.
"use strict";

// lineOfPath finds the line of a JSON pointer such as /States/A/Next in
// text, following each key in order from where the previous one was found.
function lineOfPath(text, path) {
  let at = 0;
  for (const raw of (path || "").split("/").filter(Boolean)) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (/^\d+$/.test(key)) continue; // array indexes name no key
    const re = new RegExp(JSON.stringify(key).replace(/[.*+?^${}()|[\]\\]/g, "\\$&") + "\\s*:", "g");
    re.lastIndex = at;
    const m = re.exec(text);
    if (!m) break;
    at = m.index;
  }
  return lineAt(text, at);
}

// lineOfParseError reads the position of a JSON.parse error (Chromium says
// "at position N", Firefox "at line L column C").
function lineOfParseError(text, err) {
  const msg = String(err && err.message || "");
  let m = /line (\d+) column/.exec(msg);
  if (m) return Number(m[1]);
  m = /position (\d+)/.exec(msg);
  return m ? lineAt(text, Number(m[1])) : 1;
}

function lineAt(text, offset) { return text.slice(0, offset).split("\n").length; }

// lineGutter returns the gutter element and its update(marks) function;
// marks maps a line number to the messages on it.
function lineGutter(textarea) {
  const gutter = h("div", { class: "gutter", id: "gutter", "aria-hidden": "true" });
  const box = h("div", { class: "code-box" }, gutter, textarea);
  let marks = {};
  const draw = () => {
    const n = textarea.value.split("\n").length;
    const rows = [];
    for (let i = 1; i <= n; i++) {
      const msg = marks[i];
      rows.push(h("div", { class: msg ? "ln marked" : "ln", "data-line": i, title: msg ? msg.join("\n") : null }, msg ? "! " + i : String(i)));
    }
    gutter.replaceChildren(...rows);
    gutter.scrollTop = textarea.scrollTop;
  };
  textarea.addEventListener("scroll", () => { gutter.scrollTop = textarea.scrollTop; });
  textarea.addEventListener("input", draw);
  return { box, update(m) { marks = m; draw(); } };
}
