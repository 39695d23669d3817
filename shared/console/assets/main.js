// Picks the view from the path: every page has a stable URL.
"use strict";
(function () {
  const main = document.getElementById("main");
  const views = { "/console/": listPage, "/console/state-machine": machinePage, "/console/execution": executionPage, "/console/editor": editorPage, "/console/map-run": mapRunPage };
  const view = views[location.pathname] || listPage;
  view(main).catch((e) => showError(main, e));
})();
