/* The idle-timeout warning (ADR 11). The server ends an idle session by itself; this script only
   warns before it happens, offers "Stay signed in", and when time is up goes to the sign-in page,
   which says why the user was signed out. Another tab may have kept the session alive, so the
   script asks the server how much time is left before warning or leaving. */
(function () {
  "use strict";
  var config = document.currentScript && document.currentScript.dataset;
  if (!config || !window.fetch) { return; }
  var warnAt = Number(config.warningSeconds);
  var timer = null;
  var ticker = null;

  function leave() {
    var next = window.location.pathname + window.location.search;
    window.location.assign(config.signInUrl + "?next=" + encodeURIComponent(next));
  }

  function wrapper() {
    var node = document.getElementById("session-warning");
    // USWDS moves the modal into a wrapper that takes its id; without that, stay hidden.
    return node && node.classList.contains("usa-modal-wrapper") ? node : null;
  }

  function isOpen() {
    var node = wrapper();
    return Boolean(node && node.classList.contains("is-visible"));
  }

  function close() {
    window.clearInterval(ticker);
    var node = wrapper();
    if (isOpen()) { node.querySelector("[data-close-modal]").click(); }
  }

  function countdown(secondsLeft) {
    var ends = Date.now() + secondsLeft * 1000;
    var out = wrapper().querySelector("[data-session-countdown]");
    function show() {
      var left = Math.max(0, Math.round((ends - Date.now()) / 1000));
      out.textContent = Math.floor(left / 60) + ":" + String(left % 60).padStart(2, "0");
    }
    window.clearInterval(ticker);
    show();
    ticker = window.setInterval(show, 1000);
  }

  function open(secondsLeft) {
    countdown(secondsLeft);
    if (!isOpen()) { document.getElementById("session-warning-open").click(); }
  }

  function schedule(secondsLeft) {
    window.clearTimeout(timer);
    if (secondsLeft <= 0) { leave(); return; }
    if (secondsLeft > warnAt) {
      close();
      timer = window.setTimeout(check, (secondsLeft - warnAt) * 1000);
      return;
    }
    if (wrapper()) { open(secondsLeft); }
    timer = window.setTimeout(check, Math.min(secondsLeft, 15) * 1000);
  }

  function check() {
    window.fetch(config.statusUrl, { credentials: "same-origin", cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(function (body) { schedule(Number(body.seconds_left)); })
      .catch(function () { timer = window.setTimeout(check, 15000); });
  }

  function stay(event) {
    event.preventDefault();
    var form = event.currentTarget;
    window.fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      redirect: "manual"
    }).then(function (response) {
      if (!response.ok) { leave(); return null; }
      return response.json();
    }).then(function (body) {
      if (body) { schedule(Number(body.seconds_left)); }
    }).catch(leave);
  }

  function start() {
    var node = wrapper();
    if (node) {
      node.querySelector(".usa-modal").hidden = false;
      node.querySelector("[data-session-extend]").addEventListener("submit", stay);
    }
    schedule(Number(config.secondsLeft));
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
