// Parley console: small progressive enhancements. Every page works without this file.
(function () {
  "use strict";

  var dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
  var timeOnly = new Intl.DateTimeFormat(undefined, { timeStyle: "short" });

  // Times arrive in UTC; show them in the member's own time zone, keeping UTC in the tooltip.
  function localizeTimes(root) {
    root.querySelectorAll("time[datetime]").forEach(function (el) {
      if (el.dataset.localized) return;
      var date = new Date(el.getAttribute("datetime"));
      if (isNaN(date)) return;
      el.title = el.textContent.trim();
      var sameDay = new Date().toDateString() === date.toDateString();
      el.textContent = el.dataset.format === "time" && sameDay ? timeOnly.format(date) : dateTime.format(date);
      el.dataset.localized = "1";
    });
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "visually-hidden";
    document.body.appendChild(area);
    area.select();
    var ok = document.execCommand("copy");
    document.body.removeChild(area);
    return ok ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy]");
    if (!button) return;
    var source = document.querySelector(button.dataset.copy);
    if (!source) return;
    var label = button.dataset.label || button.textContent;
    button.dataset.label = label;
    copyText(source.textContent).then(
      function () { button.textContent = "Copied"; button.classList.add("copied"); },
      function () { button.textContent = "Press Ctrl+C"; }
    ).finally(function () {
      setTimeout(function () { button.textContent = label; button.classList.remove("copied"); }, 2000);
    });
  });

  document.addEventListener("change", function (event) {
    var select = event.target.closest("select[data-autosubmit]");
    if (select && select.form) select.form.requestSubmit();
  });

  // A file over the limit is refused here, before minutes of uploading end in the server's refusal.
  document.addEventListener("submit", function (event) {
    var input = event.target.querySelector && event.target.querySelector("input[type=file][data-max-bytes]");
    if (!input || !input.files || !input.files.length) return;
    if (input.files[0].size <= Number(input.dataset.maxBytes)) return;
    event.preventDefault();
    var field = input.closest(".field");
    var error = document.getElementById(input.id + "-error");
    if (!error) {
      error = document.createElement("p");
      error.className = "field-error";
      error.id = input.id + "-error";
      field.appendChild(error);
    }
    error.textContent = "This file is larger than " + input.dataset.maxSize
      + ". Split it, or paste the parts that matter as text.";
    field.classList.add("invalid");
    input.setAttribute("aria-invalid", "true");
    var described = (input.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
    if (described.indexOf(error.id) < 0) described.push(error.id);
    input.setAttribute("aria-describedby", described.join(" "));
    input.focus();
  });

  document.addEventListener("DOMContentLoaded", function () {
    localizeTimes(document);
    document.documentElement.classList.add("js");
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    localizeTimes(event.target.parentNode || document);
  });
  // The preview is refreshing: let the panel say so.
  document.addEventListener("htmx:beforeRequest", function (event) {
    var panel = event.target.id === "profile-form" && document.querySelector(".preview-panel");
    if (panel) panel.classList.add("updating");
  });
  document.addEventListener("htmx:afterRequest", function () {
    var panel = document.querySelector(".preview-panel.updating");
    if (panel) panel.classList.remove("updating");
  });
})();
