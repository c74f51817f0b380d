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

  // --- keyboard shortcuts -------------------------------------------------------------
  // A page lists its shortcuts in #shortcuts (reviewers/_shortcuts.html); "?" shows them.
  // None acts while the user types in a field or holds Ctrl, Alt or Meta (Shift gives "?"
  // and capitals, which no shortcut uses).

  function typing(target) {
    if (!target || !target.tagName) return false;
    if (target.isContentEditable) return true;
    if (target.tagName === "TEXTAREA" || target.tagName === "SELECT") return true;
    if (target.tagName !== "INPUT") return false;
    return ["checkbox", "radio", "button", "submit", "reset"].indexOf(target.type) < 0;
  }

  function listShortcuts() {
    var dialog = document.getElementById("shortcuts");
    if (!dialog || typeof dialog.showModal !== "function") return null;
    var opener = document.querySelector("[data-shortcuts-open]");
    var before = null;
    function toggle() {
      if (dialog.open) {
        dialog.close();
      } else {
        before = document.activeElement;
        dialog.showModal();
      }
    }
    dialog.addEventListener("close", function () {
      // Back where the user was (Esc, Close or "?" again).
      if (before && document.contains(before)) before.focus();
    });
    dialog.querySelector("[data-shortcuts-close]").addEventListener("click", function () {
      dialog.close();
    });
    if (opener) {
      opener.closest("[hidden]").hidden = false;
      opener.addEventListener("click", toggle);
    }
    return { toggle: toggle, dialog: dialog };
  }

  function shortcuts(handlers) {
    var list = listShortcuts();
    document.addEventListener("keydown", function (event) {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (typing(event.target)) return;
      if (event.key === "?" && list) {
        event.preventDefault();
        list.toggle();
        return;
      }
      if (list && list.dialog.open) return;
      var handler = Object.prototype.hasOwnProperty.call(handlers, event.key) && handlers[event.key];
      if (handler) {
        event.preventDefault();
        handler();
      }
    });
  }

  // Triage: j/k move between the rows (focus on the row's tick box), x ticks, q and d queue
  // or dismiss the ticked claims (the form's Apply, with its action set), or else the
  // focused row (its own button); select-all in the header. After a row's action the list
  // comes back with the next claim focused (the same position: the acted one is gone).
  var ROW_KEY = "desk-triage-row";

  function triage(form) {
    var all = document.getElementById("pick-all");
    function rows() {
      return Array.prototype.slice.call(form.querySelectorAll("tr.triage-row"));
    }
    function boxes() {
      return Array.prototype.slice.call(form.querySelectorAll("input[name=claims]"));
    }
    function syncAll() {
      var list = boxes();
      var ticked = list.filter(function (box) { return box.checked; }).length;
      all.checked = ticked > 0 && ticked === list.length;
      all.indeterminate = ticked > 0 && ticked < list.length;
    }
    if (all) {
      all.hidden = false;
      all.addEventListener("change", function () {
        boxes().forEach(function (box) { box.checked = all.checked; });
        syncAll();
      });
      form.addEventListener("change", function (event) {
        if (event.target.name === "claims") syncAll();
      });
      syncAll();
    }
    function current() {
      var el = document.activeElement;
      return el && el.closest ? el.closest("tr.triage-row") : null;
    }
    function mark(row) {
      rows().forEach(function (r) { r.classList.toggle("is-current", r === row); });
    }
    form.addEventListener("focusin", function () { mark(current()); });
    function focusRow(row) {
      if (!row) return;
      row.querySelector("input[name=claims]").focus();
      row.scrollIntoView({ block: "nearest" });
      mark(row);
    }
    function move(step) {
      var list = rows();
      if (!list.length) return;
      var at = list.indexOf(current());
      var next = at < 0 ? (step > 0 ? 0 : list.length - 1) : at + step;
      focusRow(list[Math.max(0, Math.min(list.length - 1, next))]);
    }
    function decide(action, key) {
      if (boxes().some(function (box) { return box.checked; })) {
        form.querySelector("select[name=action]").value = action;
        form.requestSubmit(form.querySelector(".bulk-actions button[type=submit]"));
        return;
      }
      var row = current();
      if (row) form.requestSubmit(row.querySelector("button[data-key=" + key + "]"));
    }
    form.addEventListener("submit", function (event) {
      var row = event.submitter && event.submitter.closest("tr.triage-row");
      if (row) sessionStorage.setItem(ROW_KEY, String(rows().indexOf(row)));
    });
    // Back from a row's action: focus the claim now at its place, unless the page opens on
    // a refusal (autofocus on the error).
    var at = sessionStorage.getItem(ROW_KEY);
    sessionStorage.removeItem(ROW_KEY);
    if (at !== null && !document.querySelector("[autofocus]")) {
      var list = rows();
      if (list.length) focusRow(list[Math.min(Number(at), list.length - 1)]);
    }
    shortcuts({
      j: function () { move(1); },
      k: function () { move(-1); },
      x: function () {
        var row = current();
        if (row) row.querySelector("input[name=claims]").click();
      },
      q: function () { decide("queue", "q"); },
      d: function () { decide("dismiss", "d"); },
    });
  }

  // My work: n takes the next claim (the first queue's Take button that has work).
  function myWork(take) {
    shortcuts({
      n: function () {
        var button = take.querySelector("button[type=submit]:not([disabled])");
        if (button) take.requestSubmit(button);
      },
    });
  }

  bind();
  poll();
  // A page that opens on one element (a refused form's error, the claim just taken) marks
  // it autofocus. Browsers apply that at their next rendering, some time after the page has
  // loaded; move focus now, so a keyboard user is there from the first key.
  var opening = document.querySelector("[autofocus]");
  if (opening && document.activeElement !== opening) opening.focus();
  var triageForm = document.querySelector("form[data-shortcuts=triage]");
  var takeNext = document.querySelector("form.take-next button[type=submit]:not([disabled])");
  if (triageForm) triage(triageForm);
  else if (takeNext) myWork(takeNext.form);
  else if (document.getElementById("shortcuts")) shortcuts({});
})();
