/* govcx display rules, evaluated in the browser exactly as govcx/surveys/rules.py does on the
   server. Both run the shared cases in govcx/surveys/tests/rule_cases.json. */
(function (root) {
  "use strict";

  var NUMBER = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;

  function given(answer) {
    var values = typeof answer === "string" ? [answer] : (answer || []);
    return values.filter(function (value) { return value !== ""; });
  }

  function number(text) {
    return typeof text === "string" && NUMBER.test(text) ? Number(text) : null;
  }

  function leaf(rule, answer) {
    var values = given(answer);
    switch (rule.op) {
      case "answered": return values.length > 0;
      case "not_answered": return values.length === 0;
      case "equals": return values.length === 1 && values[0] === rule.value;
      case "not_equals": return !(values.length === 1 && values[0] === rule.value);
      case "in": return values.some(function (v) { return rule.values.indexOf(v) !== -1; });
      case "not_in": return !values.some(function (v) { return rule.values.indexOf(v) !== -1; });
      case "includes": return values.indexOf(rule.value) !== -1;
      case "gte":
      case "lte": {
        var found = values.length === 1 ? number(values[0]) : null;
        var bound = number(rule.value);
        if (found === null || bound === null) { return false; }
        return rule.op === "gte" ? found >= bound : found <= bound;
      }
      default: throw new Error("unknown operator " + rule.op);
    }
  }

  function evaluate(rule, answers) {
    if (rule === null || rule === undefined) { return true; }
    if (rule.all) { return rule.all.every(function (part) { return evaluate(part, answers); }); }
    if (rule.any) { return rule.any.some(function (part) { return evaluate(part, answers); }); }
    if (rule.not) { return !evaluate(rule.not, answers); }
    return leaf(rule, answers[rule.question]);
  }

  var api = { evaluate: evaluate };
  if (typeof module === "object" && module.exports) { module.exports = api; } else { root.govcxRules = api; }
})(this);
