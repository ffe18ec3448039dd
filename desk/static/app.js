// himflow records: keyboard shortcuts, confirmations, dates in the reader's locale, the
// transcript following playback, and the page viewer (thumbnails, zoom, fit to width).
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

  // Dates: the server writes ISO 8601 in <time datetime> (desk/dates.py) with a UTC fallback;
  // show them in the reader's locale and time zone. A date alone is a calendar day: formatted
  // in UTC so it never moves by a day. data-style: short, medium or long.
  Array.prototype.forEach.call(document.querySelectorAll("time[datetime]"), function (el) {
    var iso = el.getAttribute("datetime"), dayOnly = /^\d{4}-\d{2}-\d{2}$/.test(iso);
    var when = new Date(dayOnly ? iso + "T00:00:00Z" : iso);
    if (isNaN(when.getTime())) return;
    var style = el.getAttribute("data-style") || (dayOnly ? "long" : "medium");
    var opts = dayOnly ? { dateStyle: style, timeZone: "UTC" } : { dateStyle: style, timeStyle: "short" };
    var text;
    try { text = new Intl.DateTimeFormat(undefined, opts).format(when); } catch (e) { return; }
    if (!dayOnly && !el.title) el.title = el.textContent.trim();  // the UTC time as a tooltip
    el.textContent = text;
  });

  // Text that scrolls inside its box (extracted text, transcripts) takes the focus, so the
  // keyboard can scroll it too.
  Array.prototype.forEach.call(document.querySelectorAll("pre.text, .transcript"), function (el) {
    if (el.scrollHeight > el.clientHeight && !el.hasAttribute("tabindex")) el.tabIndex = 0;
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

  // Page viewer (document.html / _viewer.html): a thumbnail shows its page here without a
  // reload, zoom in/out and fit to width scale the page inside its scrolling stage. Without
  // this script the thumbnails are links and turning a page is a form: both still work.
  var stage = document.getElementById("stage");
  var pageImg = document.getElementById("page-image");
  if (stage && pageImg) {
    var docId = stage.dataset.doc, pageCount = parseInt(stage.dataset.pages, 10) || 1;
    var zoom = 1;  // 1 = the page as wide as the stage
    var zoomLevel = document.getElementById("zoom-level");
    var showZoom = function () {
      pageImg.style.width = (zoom * 100) + "%";
      zoomLevel.textContent = zoom === 1 ? "Fit width" : Math.round(zoom * 100) + "% of width";
      stage.dataset.zoom = String(zoom);
    };
    var setZoom = function (z) { zoom = Math.min(4, Math.max(0.25, Math.round(z * 100) / 100)); showZoom(); };
    var showPage = function (n) {
      if (!(n >= 1 && n <= pageCount)) return;
      var link = document.querySelector('.thumbs a[data-page="' + n + '"]');
      var turn = link ? parseInt(link.dataset.turn, 10) || 0 : 0;
      pageImg.src = "/documents/" + encodeURIComponent(docId) + "/pages/" + n;
      pageImg.alt = "Page " + n + " of the original" + (turn ? ", shown turned " + turn + "° clockwise" : "");
      pageImg.dataset.turn = String(turn);
      document.getElementById("page-no").textContent = String(n);
      var field = document.getElementById("rotate-page");
      if (field) field.value = String(n);
      var note = document.getElementById("turn-note");
      if (note) { note.hidden = !turn; document.getElementById("turn-deg").textContent = String(turn); }
      Array.prototype.forEach.call(document.querySelectorAll(".thumbs a[data-page]"), function (a) {
        if (a === link) { a.setAttribute("aria-current", "page"); } else { a.removeAttribute("aria-current"); }
      });
      if (link) link.scrollIntoView({ block: "nearest" });
      stage.scrollTop = 0;
      history.replaceState(null, "", "?page=" + n);
    };
    var current = function () { return parseInt(document.getElementById("page-no").textContent, 10) || 1; };
    document.addEventListener("click", function (ev) {
      var a = ev.target.closest(".thumbs a[data-page]");
      if (a) { ev.preventDefault(); showPage(parseInt(a.dataset.page, 10)); return; }
      if (ev.target.closest("#zoom-in")) { setZoom(zoom * 1.25); return; }
      if (ev.target.closest("#zoom-out")) { setZoom(zoom / 1.25); return; }
      if (ev.target.closest("#fit-width")) { setZoom(1); }
    });
    document.addEventListener("keydown", function (ev) {
      if (ev.ctrlKey || ev.metaKey || ev.altKey || typing(document.activeElement)) return;
      var k = ev.key;
      if (k === "+" || k === "=") { setZoom(zoom * 1.25); } else if (k === "-") { setZoom(zoom / 1.25); }
      else if (k === "w") { setZoom(1); } else if (k === "]") { showPage(current() + 1); }
      else if (k === "[") { showPage(current() - 1); } else { return; }
      ev.preventDefault();
    });
    showZoom();
  }

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
      function playFrom() { player.currentTime = parseFloat(w.dataset.start); player.play(); }
      w.addEventListener("click", playFrom);
      // unsure words (the ones to check) are reachable with Tab; Enter plays from there
      if (w.classList.contains("unsure")) {
        w.tabIndex = 0;
        w.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { ev.preventDefault(); playFrom(); } });
      }
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
