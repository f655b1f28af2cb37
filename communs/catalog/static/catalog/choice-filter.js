// Filters a long list of checkboxes as the reader types; without JavaScript the whole
// grouped list stays visible and usable.
(function () {
  "use strict";
  function normalise(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }
  document.querySelectorAll("[data-choice-filter]").forEach(function (box) {
    var input = box.querySelector("[data-choice-filter-input]");
    var status = box.querySelector("[data-choice-filter-status]");
    if (!input || input.dataset.ready) { return; }
    input.dataset.ready = "1";
    input.closest(".choice-filter").hidden = false;
    input.addEventListener("input", function () {
      var query = normalise(input.value);
      var shown = 0;
      box.querySelectorAll(".choice-group").forEach(function (group) {
        var visible = 0;
        group.querySelectorAll("li").forEach(function (item) {
          var match = !query || normalise(item.textContent).indexOf(query) !== -1 ||
            normalise(group.querySelector("legend").textContent).indexOf(query) !== -1;
          item.hidden = !match;
          if (match) { visible += 1; }
        });
        group.hidden = visible === 0;
        shown += visible;
      });
      status.textContent = query ? shown + " / " + box.querySelectorAll("li").length : "";
    });
  });
})();
