// The desk's own small script. Progressive enhancement only: every form works without it.
(function () {
  "use strict";

  // Add and remove sources in place: post the form, then swap in the fresh sections from
  // the page the server answers with (the same page a browser without JS would load): the
  // one it redirects to, or, when it refuses (4xx), the page with the form as sent and the
  // error beside the field.
  var SWAP = ["sources", "verdict-sources", "messages", "history"];
  // Live regions keep their element (only what is inside changes): a screen reader
  // announces a change within a region it already knows, not a region swapped in whole.
  var LIVE = ["messages"];

  // The cited-source ticks the checker changed while writing the verdict survive the swap.
  function ticks() {
    var kept = {};
    document.querySelectorAll("#verdict-sources input[type=checkbox]").forEach(function (box) {
      kept[box.value] = box.checked;
    });
    return kept;
  }

  function swapFrom(html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    if (!doc.getElementById("sources")) return false;
    var kept = ticks();
    SWAP.forEach(function (id) {
      var fresh = doc.getElementById(id);
      var old = document.getElementById(id);
      if (!fresh || !old) return;
      if (LIVE.indexOf(id) >= 0) old.replaceChildren.apply(old, Array.prototype.slice.call(fresh.childNodes));
      else old.replaceWith(fresh);
    });
    document.querySelectorAll("#verdict-sources input[type=checkbox]").forEach(function (box) {
      if (Object.prototype.hasOwnProperty.call(kept, box.value)) box.checked = kept[box.value];
    });
    bind();
    return true;
  }

  function submitInPlace(event) {
    var form = event.target;
    event.preventDefault();
    var button = form.querySelector("button[type=submit]");
    if (button) button.disabled = true;
    var fallBack = function () {
      form.removeEventListener("submit", submitInPlace);
      form.submit(); // an ordinary round trip
    };
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" },
    })
      .then(function (response) {
        var refused = response.status >= 400 && response.status < 500;
        if (!response.ok && !refused) throw new Error(response.status);
        return response.text();
      })
      .then(function (html) {
        if (!swapFrom(html)) return fallBack();
        // Autofocus only acts when a page loads: lead to a refusal's error by hand.
        var error = document.querySelector("#sources [autofocus], #verdict-sources [autofocus]");
        if (error) {
          error.focus();
          return;
        }
        var list = document.getElementById("sources");
        if (list) list.querySelector("h2").focus({ preventScroll: true });
      })
      .catch(fallBack);
  }

  function bind() {
    document.querySelectorAll("form.js-in-place").forEach(function (form) {
      if (form.dataset.bound) return;
      form.dataset.bound = "1";
      form.addEventListener("submit", submitInPlace);
    });
    var heading = document.querySelector("#sources h2");
    if (heading) heading.setAttribute("tabindex", "-1");
  }

  // Ingestion progress: poll the article's status and reload when it is finished.
  function poll() {
    var panel = document.getElementById("progress");
    if (!panel || panel.dataset.inProgress !== "true") return;
    var status = document.getElementById("progress-status");
    var tries = 0;
    var timer = setInterval(function () {
      tries += 1;
      fetch(panel.dataset.statusUrl, { credentials: "same-origin" })
        .then(function (r) { return r.json(); })
        .then(function (data) {
          if (!data.in_progress) {
            clearInterval(timer);
            window.location.reload();
          } else if (status) {
            status.textContent = "Status: " + data.label + " (checking again…)";
          }
        })
        .catch(function () {});
      if (tries > 300) clearInterval(timer);
    }, 1500);
  }

  bind();
  poll();
})();
