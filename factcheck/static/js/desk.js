// The desk's own small script. Progressive enhancement only: every form works without it.
(function () {
  "use strict";

  // Add and remove sources in place: post the form, then swap in the fresh sections from
  // the page the server redirects to (the same page a browser without JS would load).
  var SWAP = ["sources", "verdict-sources", "messages", "history"];

  function swapFrom(html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    SWAP.forEach(function (id) {
      var fresh = doc.getElementById(id);
      var old = document.getElementById(id);
      if (fresh && old) old.replaceWith(fresh);
    });
    bind();
  }

  function submitInPlace(event) {
    var form = event.target;
    event.preventDefault();
    var button = form.querySelector("button[type=submit]");
    if (button) button.disabled = true;
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" },
    })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.text();
      })
      .then(function (html) {
        swapFrom(html);
        var list = document.getElementById("sources");
        if (list) list.querySelector("h2").focus({ preventScroll: true });
      })
      .catch(function () {
        form.removeEventListener("submit", submitInPlace);
        form.submit(); // fall back to an ordinary round trip
      });
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
