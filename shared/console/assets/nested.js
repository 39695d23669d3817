// Nested executions. AWS ties a child to the execution that started it only
// through the input parameter AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID (no
// API member names a parent); like AWS's console, the pages link both ways:
// the child to its parent, a states:startExecution step to its children.
"use strict";
const startedByKey = "AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID";
const executionArnPattern = /^arn:[^:]+:states:[^:]*:[^:]*:(execution|express):[^:]+:[^:]+$/;

// startedByLink is the summary row naming the execution that started this
// one, from its input; null when the input names none.
function startedByLink(input) {
  let v = null;
  try { v = JSON.parse(input); } catch (e) { return null; }
  const arn = v && typeof v === "object" && !Array.isArray(v) ? v[startedByKey] : null;
  if (typeof arn !== "string" || !executionArnPattern.test(arn)) return null;
  return [h("span", {}, "Started by"), h("span", { id: "started-by" }, link("execution", arn, arn.split(":").pop()))];
}

// startedChildren lists the executions a states:startExecution Task started
// during a visit (one per attempt), from the ExecutionArn of the results
// its events report (TaskSubmitted for .sync and callbacks, TaskSucceeded).
function startedChildren(events, visit) {
  const arns = [];
  for (const e of events) {
    if (e.id < visit.entered.id || (visit.exited && e.id > visit.exited.id)) continue;
    const d = eventDetails(e) || {};
    if (!/^Task(Submitted|Succeeded)$/.test(e.type) || d.resourceType !== "states" || !/^startExecution/.test(d.resource || "")) continue;
    let out = null;
    try { out = JSON.parse(d.output); } catch (err) { continue; }
    const arn = out && out.ExecutionArn;
    if (typeof arn === "string" && executionArnPattern.test(arn) && !arns.includes(arn)) arns.push(arn);
  }
  return arns;
}

// childLinks is the step detail listing those executions; null for none.
function childLinks(events, visit) {
  const arns = startedChildren(events, visit);
  if (!arns.length) return null;
  return [h("h4", {}, "Started executions"),
    h("p", { id: "step-children" }, arns.flatMap((a, i) => [i ? ", " : "", link("execution", a, a.split(":").pop())]))];
}
