/* Live conditional questions on the hosted survey page. Without this script every question is
   shown and the server drops answers the final answers hide; with it, questions appear and
   disappear as the respondent answers, by the same rules (rules.js). */
(function () {
  "use strict";
  var rulesNode = document.getElementById("govcx-rules");
  var form = rulesNode && rulesNode.parentNode.querySelector("form");
  if (!form || !window.govcxRules) { return; }
  var rules = JSON.parse(rulesNode.textContent || "{}");

  function answers() {
    var result = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.disabled) { return; }
      if ((el.type === "checkbox" || el.type === "radio") && !el.checked) { return; }
      if (el.type === "checkbox") {
        (result[el.name] = Array.isArray(result[el.name]) ? result[el.name] : []).push(el.value);
      } else if (el.value !== "") {
        result[el.name] = el.value;
      }
    });
    return result;
  }

  function update() {
    var given = answers();
    Array.prototype.forEach.call(form.querySelectorAll(".govcx-question"), function (block) {
      var rule = rules[block.getAttribute("data-key")];
      if (!rule) { return; }
      var show = window.govcxRules.evaluate(rule, given);
      block.hidden = !show;
      Array.prototype.forEach.call(block.querySelectorAll("input, select, textarea"), function (el) {
        el.disabled = !show;  // hidden questions send nothing
      });
      var note = block.querySelector(".govcx-when");
      if (note) { note.hidden = true; }
    });
  }

  // A rule may depend on a question that another rule hides: settle in a few passes.
  function settle() { for (var pass = 0; pass < 3; pass += 1) { update(); } }

  form.addEventListener("change", settle);
  form.addEventListener("input", settle);
  settle();
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
})();
