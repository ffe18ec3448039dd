// himflow records: keyboard shortcuts, confirmations, and the transcript following playback.
// Loaded from /static only (the CSP forbids inline script).
(function () {
  "use strict";
  function typing(el) {
    if (!el) return false;
    var t = el.tagName;
    return t === "INPUT" || t === "TEXTAREA" || t === "SELECT" || el.isContentEditable;
  }

  // Shortcuts: an element with data-shortcut="k" is focused (fields) or submitted (forms).
  document.addEventListener("keydown", function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    if (ev.key === "Escape" && typing(document.activeElement)) { document.activeElement.blur(); return; }
    if (typing(document.activeElement)) return;
    var player = document.getElementById("player");
    if (ev.key === " " && player) { ev.preventDefault(); if (player.paused) { player.play(); } else { player.pause(); } return; }
    if (ev.key === "?") { var h = document.getElementById("keyhelp"); if (h) h.hidden = !h.hidden; return; }
    if (ev.key === "/" && !document.querySelector('[data-shortcut="/"]')) { window.location.href = "/search"; ev.preventDefault(); return; }
    var el = document.querySelector('[data-shortcut="' + CSS.escape(ev.key) + '"]');
    if (!el) return;
    ev.preventDefault();
    if (el.tagName === "FORM") { el.requestSubmit(); } else { el.focus(); if (el.select && el.tagName === "INPUT") el.select(); }
  });

  // Buttons that need a confirmation (signing is final).
  document.addEventListener("click", function (ev) {
    var b = ev.target.closest("[data-confirm]");
    if (b && !window.confirm(b.getAttribute("data-confirm"))) ev.preventDefault();
  });

  // Queue: a header checkbox selects every row of the page.
  document.addEventListener("change", function (ev) {
    var all = ev.target.closest("[data-select-all]");
    if (!all) return;
    var form = all.form || document;
    Array.prototype.forEach.call(form.querySelectorAll("input[data-pick]"), function (box) { box.checked = all.checked; });
  });

  // Queue filters: leave unset fields out of the URL (a short, bookmarkable query string).
  document.addEventListener("submit", function (ev) {
    var form = ev.target;
    if (!form.classList || !form.classList.contains("filters")) return;
    Array.prototype.forEach.call(form.elements, function (el) { if (el.name && el.value === "") el.disabled = true; });
  });
  window.addEventListener("pageshow", function () {  // back from the results: usable again
    Array.prototype.forEach.call(document.querySelectorAll("form.filters [disabled]"), function (el) { el.disabled = false; });
  });

  // Transcript: highlight the word being played; click a word to play from there.
  var player = document.getElementById("player");
  var words = Array.prototype.slice.call(document.querySelectorAll(".transcript .w"));
  if (player && words.length) {
    var times = words.map(function (w) { return [parseFloat(w.dataset.start), parseFloat(w.dataset.end)]; });
    var current = null;
    player.addEventListener("timeupdate", function () {
      var t = player.currentTime, found = null;
      for (var i = 0; i < times.length; i++) { if (t >= times[i][0] && t <= times[i][1] + 0.05) { found = words[i]; break; } }
      if (found !== current) {
        if (current) current.classList.remove("current");
        if (found) { found.classList.add("current"); found.scrollIntoView({ block: "nearest" }); }
        current = found;
      }
    });
    words.forEach(function (w) {
      w.addEventListener("click", function () { player.currentTime = parseFloat(w.dataset.start); player.play(); });
    });
  }
  // Upload status: poll the upload's JSON until every file is final; rebuild the rows from it
  // (text only, no markup from the answer).
  var uploadTable = document.querySelector("table[data-upload-status]");
  if (uploadTable && uploadTable.dataset.final !== "true") {
    var every = Math.max(1, parseInt(uploadTable.dataset.pollSeconds, 10) || 2) * 1000;
    var live = document.getElementById("upload-live"), badge = document.getElementById("upload-stage");
    var cell = function (row, child) { var td = document.createElement("td"); if (child) td.appendChild(child); row.appendChild(td); return td; };
    var text = function (tag, value, cls) { var el = document.createElement(tag); el.textContent = value || ""; if (cls) el.className = cls; return el; };
    var when = function (iso) { return iso ? iso.slice(0, 16).replace("T", " ") : ""; };
    var render = function (data) {
      var body = uploadTable.tBodies[0];
      while (body.firstChild) body.removeChild(body.firstChild);
      data.files.forEach(function (f) {
        var tr = document.createElement("tr");
        tr.dataset.id = f.id;
        var id = f.link ? text("a", f.id.slice(0, 12)) : text("span", f.id.slice(0, 12));
        if (f.link) id.href = f.link;
        cell(tr, id).className = "mono";
        cell(tr, text("span", f.pages));
        cell(tr, text("span", f.stage_words, "status status-" + f.stage));
        cell(tr, text("span", when(f.updated_at)));
        var details = cell(tr);
        if (f.problem) {
          details.appendChild(text("strong", f.problem, "problem"));
          details.appendChild(document.createTextNode(" "));
          details.appendChild(text("span", f.advice, "advice"));
        } else if (f.reasons.length) {
          details.textContent = f.reasons.join("; ");
        }
        body.appendChild(tr);
      });
      if (badge) { badge.textContent = data.stage_words; badge.className = "status status-" + data.stage; }
      uploadTable.dataset.final = data.final ? "true" : "false";
      if (data.final && live) { live.textContent = "Finished."; live.className = "ok"; }
    };
    var poll = function () {
      fetch(uploadTable.dataset.uploadStatus, { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (r) { if (!r.ok) throw new Error("status " + r.status); return r.json(); })
        .then(function (data) { render(data); if (!data.final) window.setTimeout(poll, every); })
        .catch(function () { if (live) { live.textContent = "Status unavailable; reload the page to try again."; live.className = "warn"; } });
    };
    window.setTimeout(poll, every);
  }
})();
