/*! govcx feedback widget v1. One file serves every survey; agencies paste one <script> tag
    (docs/widget.md). Plain ES2017 with no build step and no dependencies, so that what is served
    is what was reviewed. */
(function () {
  "use strict";

  /* Display rules: a copy of govcx/surveys/static/surveys/rules.js, which evaluates rules as
     govcx/surveys/rules.py does on the server. Copied rather than loaded so the widget stays one
     request; keep the two identical (both run govcx/surveys/tests/rule_cases.json). */
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

  // Under Node (the shared-cases test) export the evaluator. Test for `document`, not `module`:
  // a host page may well define a global `module`, and the widget must still run there.
  if (typeof document === "undefined") {
    if (typeof module === "object") { module.exports = { evaluate: evaluate }; }
    return;
  }

  /* Styles. `:host { all: initial !important }` wins over any host rule (important declarations
     from inside a shadow tree beat the page's), so nothing inherits in from the page; sizes are
     in em from `medium` (the reader's own default), never rem, which the host page controls. */
  var CSS = [
    ":host{all:initial!important;display:block!important;font-family:system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif!important;line-height:1.5!important;color:#1b1b1b!important}",
    "*,::before,::after{box-sizing:border-box}[hidden]{display:none!important}",
    "h2{font-size:1.25em;line-height:1.3;margin:0}h3{font-size:1.05em;margin:0 0 .5em}",
    "p{margin:0 0 .75em;white-space:pre-line}a{color:#005ea2}",
    ":focus{outline:3px solid #0050d8;outline-offset:2px}:focus:not(:focus-visible){outline:0}",
    "button{font:inherit;font-weight:700;min-height:2.75em;min-width:2.75em;padding:.5em 1.25em;border:2px solid #005ea2;border-radius:.25em;background:#005ea2;color:#fff;cursor:pointer}",
    "button.s{background:#fff;color:#005ea2}button[aria-disabled=true]{background:#565c65;border-color:#565c65;color:#fff}",
    ".fab{position:fixed;right:1em;bottom:1em;z-index:2147483000;box-shadow:0 0 0 2px #fff,0 2px 8px rgba(0,0,0,.4)}",
    ".bk{position:fixed;top:0;right:0;bottom:0;left:0;z-index:2147483001;background:rgba(0,0,0,.6);display:flex;justify-content:center;align-items:flex-start;padding:1em .5em;overflow:auto}",
    ".dlg,.in{background:#fff;color:#1b1b1b;width:100%;padding:1em 1.25em;border-radius:.5em;overflow-wrap:break-word}",
    ".dlg{max-width:36em;max-height:calc(100vh - 2em);overflow:auto;box-shadow:0 4px 24px rgba(0,0,0,.5)}.in{border:1px solid #a9aeb1}",
    ".hd{display:flex;gap:1em;justify-content:space-between;align-items:flex-start;margin-bottom:1em}.hd button{flex:none;padding:.5em .75em}",
    ".meta,details{font-size:.9em}details{border:1px solid #a9aeb1;border-radius:.25em;padding:.25em .75em;margin:0 0 1em}",
    "summary{cursor:pointer;font-weight:700;color:#005ea2;padding:.25em 0}details[open] summary{margin-bottom:.5em}",
    "fieldset{border:0;margin:0;padding:0;min-width:0}legend,.l{display:block;font-weight:700;padding:0;margin:0 0 .25em}",
    ".q{margin:0 0 1.25em}.q.bad{border-left:4px solid #b50909;padding-left:.75em}",
    ".req,.help{font-weight:400;color:#565c65}.err{color:#b50909;font-weight:700}",
    ".o{display:flex;gap:.5em;align-items:flex-start;padding:.25em 0;cursor:pointer}",
    "input[type=radio],input[type=checkbox]{flex:none;width:1.5em;height:1.5em;margin:0;accent-color:#005ea2}",
    ".t,select,textarea{display:block;font:inherit;color:#1b1b1b;background:#fff;width:100%;min-height:2.75em;padding:.5em;border:1px solid #565c65;border-radius:.25em}",
    "[aria-invalid=true].t,select[aria-invalid=true],textarea[aria-invalid=true]{border:2px solid #b50909}.x{margin:.5em 0 0 2em}",
    ".sum{border:4px solid #b50909;padding:.75em 1em;margin:0 0 1em}.sum ul{margin:0;padding-left:1.25em}.sum a{color:#b50909;font-weight:700}",
    ".act{display:flex;flex-wrap:wrap;gap:.75em;margin-top:1em}.msg{font-weight:700;margin:0}",
    ".hp{position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden}",
  ].join("");

  // One shared constructable sheet: a strict host CSP (style-src 'self') blocks a <style> element
  // even inside a shadow root, but not adoptedStyleSheets. <style> only where those are missing.
  var sheet;
  function style(root) {
    try {
      if (!sheet) { sheet = new CSSStyleSheet(); sheet.replaceSync(CSS); }
      root.adoptedStyleSheets = [sheet];
    } catch (e) {
      root.appendChild(h("style", { text: CSS }));
    }
  }

  // h("tag", {attributes; text: textContent; onX: listener}, [children]). Text always goes in as
  // text, never as HTML: survey texts are written by agencies, shown on other sites.
  function h(tag, attrs, kids) {
    var el = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) { return; }
      if (k === "text") { el.textContent = v; }
      else if (k.slice(0, 2) === "on") { el.addEventListener(k.slice(2), v); }
      else { el.setAttribute(k, v === true ? "" : v); }
    });
    (kids || []).forEach(function (kid) { if (kid) { el.append(kid); } });
    return el;
  }

  // Set an attribute, or remove it when there is no value.
  function attr(el, name, value) {
    if (value) { el.setAttribute(name, value); } else { el.removeAttribute(name); }
  }

  function uuid() {
    if (crypto.randomUUID) { return crypto.randomUUID(); }
    return Array.from(crypto.getRandomValues(new Uint8Array(16)), function (b) {
      return (b + 256).toString(16).slice(1);
    }).join("");
  }

  // Django's truncatechars:80, which the hosted survey page uses for the same links.
  function clip(text) { return text.length > 80 ? text.slice(0, 79) + "\u2026" : text; }

  function wait(ms) { return new Promise(function (done) { setTimeout(done, ms); }); }

  var INPUT_TYPES = { email: "email", phone: "tel", number: "number", date: "date" };
  var FOCUSABLE = "a[href],button,input,select,textarea,summary,[tabindex]";

  function widget(script, base) {
    var data = script.dataset;
    var id = data.govcxSurvey;
    var mode = /^(custom|inline)$/.test(data.govcxMode) ? data.govcxMode : "button";
    var loc = data.govcxLocation || "";
    var touchpoint = data.govcxTouchpoint ? Number(data.govcxTouchpoint) : null;
    // The server offers languages by primary subtag ("es"), pages often say "es-US".
    var lang = (data.govcxLang || document.documentElement.lang || navigator.language || "en")
      .toLowerCase().split("-")[0];
    var target = null;
    try {
      target = data.govcxTarget ? document.querySelector(data.govcxTarget) : null;
    } catch (e) { /* not a valid selector: reported below */ }
    if (mode !== "button" && !target) {
      console.warn("govcx: nothing matches data-govcx-target " + data.govcxTarget);
      return;
    }
    var host = h("div", { "data-govcx-widget": id });
    (mode === "inline" ? target : document.body).appendChild(host);
    var root = host.attachShadow({ mode: "open" });
    style(root);

    // Events bubble out of the shadow root (composed) and up to document: listen on either.
    function emit(name, detail) {
      detail.survey = id;
      host.dispatchEvent(new CustomEvent("govcx:" + name, { bubbles: true, composed: true, detail: detail }));
    }

    var address = base + "/api/v1/surveys/" + encodeURIComponent(id) + "/definition?lang=" + encodeURIComponent(lang);
    fetch(address, { credentials: "omit" })
      .then(function (r) { if (!r.ok) { throw new Error("HTTP " + r.status); } return r.json(); })
      .then(build)
      .catch(function (e) { console.warn("govcx: survey " + id + " is unavailable", e); });

    function build(def) {
      // A closed survey's definition carries only a message: English fallbacks for the frame.
      var ui = Object.assign({ open: "Give feedback", close: "Close" }, def.ui);
      var language = def.language || lang;
      var dir = /^(ar|fa|he|ur)$/.test(language) ? "rtl" : null;
      var title = h("h2", { id: "t", tabindex: "-1", text: def.title || ui.open });
      var body = h("div");
      var frame, dialog, opener;

      if (mode === "inline") {
        frame = h("div", { class: "in" }, [title, body]);
      } else {
        var closer = h("button", { type: "button", class: "s", text: ui.close, onclick: close });
        dialog = h("div", { class: "dlg", role: "dialog", "aria-modal": "true", "aria-labelledby": "t", tabindex: "-1" }, [
          h("div", { class: "hd" }, [title, closer]),
          body,
        ]);
        frame = h("div", {
          class: "bk",
          hidden: true,
          onkeydown: keys,
          // A click on the backdrop would otherwise move focus out to the page.
          onmousedown: function (e) { if (e.target === frame) { e.preventDefault(); } },
        }, [dialog]);
        if (mode === "button") {
          root.appendChild(h("button", {
            type: "button", class: "fab", lang: language, dir: dir, "aria-haspopup": "dialog", text: ui.open,
            onclick: function (e) { open(e.currentTarget); },
          }));
        } else {
          target.addEventListener("click", function (e) { e.preventDefault(); open(target); });
        }
      }
      frame.lang = language;
      if (dir) { frame.dir = dir; }
      root.appendChild(frame);
      if (def.accepting === false) {
        body.append(h("p", { text: def.message }));
      } else {
        form(def, ui, body, language);
      }
      emit("loaded", { accepting: def.accepting !== false });
      if (mode === "inline") { emit("opened", {}); }

      function open(from) {
        if (!frame.hidden) { return; }
        opener = from;
        frame.hidden = false;
        title.focus();
        emit("opened", {});
      }

      function close() {
        frame.hidden = true;
        if (opener) { opener.focus(); }
      }

      // Escape closes; Tab and Shift+Tab wrap around inside the dialog.
      function keys(e) {
        if (e.key === "Escape") {
          e.preventDefault();
          e.stopPropagation();
          close();
          return;
        }
        if (e.key !== "Tab") { return; }
        var list = Array.from(dialog.querySelectorAll(FOCUSABLE)).filter(function (el) {
          return el.tabIndex >= 0 && !el.disabled && el.getClientRects().length > 0;
        });
        var at = list.indexOf(root.activeElement);
        var last = list.length - 1;
        if (e.shiftKey ? at <= 0 : at === last) {
          e.preventDefault();
          list[e.shiftKey ? last : 0].focus();
        }
      }
    }

    function form(def, ui, body, language) {
      var recs = [];
      var byKey = {};
      var shown = [];
      var cur = 0;
      var busy = false;
      var sentBody = null;
      var key = null;

      var pra = def.pra || {};
      // As on the hosted page: the control number and expiration (MM/DD/YYYY) stay in view, the
      // burden text and the Privacy Act statement fold away, then the introduction and questions.
      if (pra.applies) {
        body.append(
          h("p", {
            class: "meta",
            text: pra.labels.control_number + ": " + pra.control_number + " · " + pra.labels.expiration + ": " +
              pra.expiration.replace(/^(\d+)-(\d+)-(\d+)$/, "$2/$3/$1"),
          }),
          h("details", {}, [
            h("summary", { text: ui.pra_heading }), h("p", { text: pra.burden }), h("p", { text: pra.notice }),
          ])
        );
      } else if (pra.statement) {
        body.append(h("p", { class: "meta", text: pra.statement }));
      }
      var privacy = def.privacy;
      if (privacy) {
        body.append(h("details", {}, [h("summary", { text: ui.privacy_heading })].concat(
          ["authority", "purpose", "routine_uses", "disclosure", "sorn"].map(function (k) {
            return privacy[k] && h("p", {}, [h("strong", { text: ui[k] + ":" }), " " + privacy[k]]);
          })
        )));
      }
      if (def.intro) { body.append(h("p", { text: def.intro })); }

      var summary = h("div", { class: "sum", role: "alert", tabindex: "-1", hidden: true });
      var sections = def.pages.map(function (page, pi) {
        var blocks = page.questions.map(function (q) {
          var r = question(q, pi);
          recs.push(r);
          byKey[q.key] = r;
          return r.block;
        });
        return h("section", { tabindex: "-1" }, [page.title && h("h3", { text: page.title })].concat(blocks));
      });
      // Honeypot: people never see or reach it; naive bots fill it and are refused.
      var trap = h("input", { type: "text", name: "website", id: "hp", tabindex: "-1", autocomplete: "off" });
      var msg = h("p", { class: "msg", role: "status" });
      var back = h("button", { type: "button", class: "s", text: ui.back, onclick: function () { go(-1); } });
      var next = h("button", { type: "submit", text: ui.next });
      var send = h("button", { type: "submit", text: ui.submit });
      var fm = h("form", {
        novalidate: true,
        oninput: sync,
        onchange: sync,
        onsubmit: function (e) { e.preventDefault(); if (!next.hidden) { go(1); } else { submit(); } },
      }, [summary].concat(sections, [
        h("div", { class: "hp", "aria-hidden": "true" }, [
          h("label", { for: "hp", text: ui.leave_empty }), trap,
        ]),
        msg,
        h("div", { class: "act" }, [back, next, send]),
      ]));
      body.append(fm);
      sync();
      cur = visiblePages()[0] || 0;
      sync();

      function question(q, pi) {
        var r = { q: q, pi: pi, inputs: [], read: function () { return undefined; } };
        var type = q.type;
        var fid = "q-" + q.key;
        if (type === "hidden") {
          // Only a "location" question has a value to send: the snippet's location code.
          if (q.key === "location" && loc) { r.read = function () { return loc; }; }
          return r;
        }
        if (type === "static_text") {
          r.block = h("p", { class: "q", text: q.text });
          return r;
        }
        var help = r.help = q.help ? h("p", { class: "help", id: fid + "-h", text: q.help }) : null;
        r.err = h("p", { class: "err", id: fid + "-e", hidden: true });
        var label = [q.text, q.required && h("span", { class: "req", text: " (" + ui.required + ")" })];
        var box;
        if (q.options && type !== "dropdown") {
          var multi = type === "multiple_choice";
          var options = q.options.slice();
          if (multi && q.other) { options.push({ value: "other", label: ui.other }); }
          var rows = options.map(function (o, i) {
            var input = h("input", {
              type: multi ? "checkbox" : "radio",
              name: q.key,
              value: o.value,
              id: fid + "-" + i,
              required: q.required && !multi, // "required" on a checkbox would mean "must be ticked"
            });
            r.inputs.push(input);
            return h("label", { class: "o", for: input.id }, [input, h("span", { text: o.label })]);
          });
          box = r.desc = h("fieldset", { id: fid }, [h("legend", {}, label), help, r.err].concat(rows));
          if (multi && q.other) {
            r.other = h("input", { type: "text", class: "t", id: fid + "-x", name: q.key + "__other", maxlength: 250 });
            r.otherBox = h("div", { class: "x", hidden: true }, [
              h("label", { class: "l", for: r.other.id, text: ui.other_describe }), r.other,
            ]);
            box.append(r.otherBox);
          }
          r.read = multi
            ? function () {
              var values = r.inputs
                .filter(function (i) { return i.checked; })
                .map(function (i) { return i.value; });
              return values.length ? values : undefined;
            }
            : function () {
              var checked = r.inputs.filter(function (i) { return i.checked; })[0];
              return checked ? checked.value : undefined;
            };
        } else {
          var control;
          if (type === "dropdown") {
            control = h("select", {}, [h("option", { value: "" })].concat(q.options.map(function (o) {
              return h("option", { value: o.value, text: o.label });
            })));
          } else if (type === "long_text") {
            control = h("textarea", { rows: 4, maxlength: q.max_length || 5000 });
          } else {
            control = h("input", {
              type: INPUT_TYPES[type] || "text",
              class: "t",
              maxlength: type === "short_text" ? q.max_length || 250 : null,
              min: q.min,
              max: q.max,
              step: type === "number" ? "any" : null,
              autocomplete: type === "email" ? "email" : type === "phone" ? "tel" : null,
            });
          }
          control.id = fid;
          control.name = q.key;
          control.required = !!q.required;
          r.inputs.push(control);
          r.desc = control;
          box = h("div", {}, [h("label", { class: "l", for: fid }, label), help, r.err, control]);
          r.read = function () { return control.value.trim() || undefined; };
        }
        r.focus = r.inputs[0];
        r.block = h("div", { class: "q" }, [box]);
        mark(r);
        return r;
      }

      // Answers in question order, by the server's rules: a page or question whose rule fails
      // is hidden and sends nothing, and later rules see only what is shown.
      function collect() {
        var seen = {};
        var out = {};
        def.pages.forEach(function (page, pi) {
          shown[pi] = evaluate(page.show_if, seen);
          recs.forEach(function (r) {
            if (r.pi !== pi) { return; }
            r.shown = shown[pi] && evaluate(r.q.show_if, seen);
            if (r.block) { r.block.hidden = !r.shown; }
            if (!r.shown) { return; }
            var value = r.read();
            if (value !== undefined) { seen[r.q.key] = out[r.q.key] = value; }
            if (r.other) {
              var on = r.inputs[r.inputs.length - 1].checked;
              r.otherBox.hidden = !on;
              if (on && r.other.value.trim()) { out[r.q.key + "__other"] = r.other.value.trim(); }
            }
          });
        });
        return out;
      }

      function visiblePages() {
        return def.pages.map(function (p, i) { return i; }).filter(function (i) { return shown[i]; });
      }

      // Re-evaluate rules and show the current page with the buttons it needs.
      function sync() {
        collect();
        var pages = visiblePages();
        var at = pages.indexOf(cur);
        sections.forEach(function (s, i) { s.hidden = i !== cur; });
        back.hidden = at <= 0;
        next.hidden = at === -1 || at >= pages.length - 1;
        send.hidden = !next.hidden;
      }

      function go(step) {
        if (step > 0 && !check([cur])) { return; }
        var pages = visiblePages();
        var to = pages[pages.indexOf(cur) + step];
        if (to === undefined) { return; }
        cur = to;
        sync();
        var first = recs.filter(function (r) { return r.pi === cur && r.shown && r.focus; })[0];
        (first ? first.focus : sections[cur]).focus();
      }

      // Show (msg) or clear (no msg) one question's error, linked to its control.
      function mark(r, msg, focus) {
        if (!r.err) { return; }
        r.err.textContent = msg || "";
        r.err.hidden = !msg;
        if (r.block) { r.block.classList.toggle("bad", !!msg); }
        var ids = [r.help && r.help.id, msg && r.err.id].filter(Boolean).join(" ");
        attr(r.desc, "aria-describedby", ids);
        // An error about the write-in box marks that box; any other marks the choices.
        var onOther = !!msg && !!r.other && focus === r.other;
        r.inputs.concat(r.other || []).forEach(function (i) {
          attr(i, "aria-invalid", msg && (i === r.other) === onOther && "true");
        });
        if (r.other) { attr(r.other, "aria-describedby", onOther && r.err.id); }
      }

      // The required check the server will also make, on the given pages (indexes).
      function check(pages) {
        collect();
        var errors = [];
        recs.forEach(function (r) {
          mark(r);
          if (pages.indexOf(r.pi) !== -1 && r.shown && r.q.required && r.err && r.read() === undefined) {
            errors.push([r, ui.needed, r.focus]);
          }
        });
        report(errors);
        return !errors.length;
      }

      // errors: [[question record or null, message, element to focus]].
      function report(errors) {
        summary.textContent = "";
        summary.hidden = !errors.length;
        if (!errors.length) { return; }
        errors.forEach(function (e) { if (e[0]) { mark(e[0], e[1], e[2]); } });
        var first = errors.filter(function (e) { return e[0]; })[0];
        if (first && first[0].pi !== cur && shown[first[0].pi]) { cur = first[0].pi; sync(); }
        summary.append(h("h3", { text: ui.errors }), h("ul", {}, errors.map(function (e) {
          return h("li", {}, [e[0] ? h("a", {
            href: "#" + e[2].id,
            text: clip(e[0].q.text) + ": " + e[1], // as the hosted page words it
            onclick: function (ev) {
              ev.preventDefault(); // the hash would land in the host page's URL
              if (e[0].pi !== cur) { cur = e[0].pi; sync(); }
              e[2].focus();
            },
          }) : e[1]]);
        })));
        summary.focus();
      }

      function submit() {
        if (busy || !check(visiblePages())) { return; }
        var payload = {
          survey: id,
          touchpoint: touchpoint,
          language: language,
          answers: collect(),
          page_url: location.href.split(/[?#]/)[0],
          location_code: loc,
          website: trap.value,
        };
        // One idempotency key per filled form: retries of the same answers reuse it, so the
        // server stores them once; changed answers are a new submission.
        var json = JSON.stringify(payload);
        if (json !== sentBody) { sentBody = json; key = uuid(); }
        payload.idempotency_key = key;
        deliver(JSON.stringify(payload));
      }

      async function deliver(json) {
        busy = true;
        send.setAttribute("aria-disabled", "true");
        msg.textContent = ui.sending;
        var status = 0;
        var res = {};
        // Network errors, 429 and 5xx are worth retrying (1 s, 2 s, 4 s); the key makes it safe.
        for (var attempt = 0; ; attempt += 1) {
          try {
            var r = await fetch(base + "/api/v1/submissions", {
              method: "POST",
              headers: { "Content-Type": "application/json" },
              body: json,
              credentials: "omit",
            });
            status = r.status;
            res = await r.json().catch(function () { return {}; });
          } catch (e) {
            status = 0;
            res = {};
          }
          if (attempt < 3 && (status === 0 || status === 429 || status >= 500)) {
            await wait(1000 << attempt);
            continue;
          }
          break;
        }
        busy = false;
        send.removeAttribute("aria-disabled");
        msg.textContent = "";
        if (status === 201) {
          done(def.thank_you || ui.thanks);
          emit("submitted", { response_id: res.id });
          return;
        }
        emit("failed", { status: status });
        if (status === 409) {
          done(res.message || ui.failed);
        } else if (status === 400) {
          var errors = Object.keys(res.errors || {}).map(function (name) {
            var field = name.replace(/^answers\./, "");
            var r = byKey[field.replace(/__other$/, "")];
            var message = res.errors[name];
            if (!r || !r.err || field === name) { return [null, message]; }
            return [r, message, /__other$/.test(field) && r.other ? r.other : r.focus];
          });
          report(errors.length ? errors : [[null, res.message || ui.failed]]);
        } else {
          // Same answers, same key: pressing the button again is a safe retry.
          msg.textContent = (status > 0 && status < 500 && status !== 429 && res.message) || ui.failed;
          send.textContent = ui.retry || ui.submit;
          send.focus();
        }
      }

      // Replace the form with a final message and move focus to it.
      function done(text) {
        var box = h("div", { role: "status", tabindex: "-1" }, [h("p", { text: text })]);
        body.textContent = "";
        body.append(box);
        box.focus();
      }
    }
  }

  // Several snippets may share a page (and this file may load more than once): start each
  // script[data-govcx-survey] exactly once. A snippet without src uses this file's origin.
  var registry = Symbol.for("govcx.widget.v1");
  var started = window[registry] || (window[registry] = new WeakSet());
  var current = document.currentScript;

  function boot() {
    Array.from(document.querySelectorAll("script[data-govcx-survey]")).forEach(function (script) {
      var src = script.src || (current && current.src);
      if (started.has(script) || !src) { return; }
      started.add(script);
      widget(script, new URL(src).origin);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", boot);
  } else {
    boot();
  }
})();
