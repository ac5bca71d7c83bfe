/*
 * zhifa.js: the little the pages need from the browser, served by the platform itself (no CDN).
 * Everything works without it (progressive): a form still submits, an error is still shown.
 *
 * 1. Confirmation before what cannot be undone: a form, a submit button or a link carrying
 *    data-confirm="…" asks that question first; "取消" leaves everything as it was.
 *    (HTMX requests from such an element ask too, through htmx:confirm.)
 * 2. On a page (or an HTMX fragment) showing form errors, focus moves to the first invalid
 *    field and it is scrolled into view, so a keyboard or screen-reader user lands on it.
 */
(function () {
  "use strict";

  function question(form, submitter) {
    if (submitter && submitter.hasAttribute("data-confirm")) {
      return submitter.getAttribute("data-confirm");
    }
    if (form && form.hasAttribute("data-confirm")) {
      return form.getAttribute("data-confirm");
    }
    return "";
  }

  // Capture phase on the document: runs before HTMX's own listener on the form.
  document.addEventListener(
    "submit",
    function (event) {
      var form = event.target;
      if (form.tagName !== "FORM") {
        return;
      }
      var text = question(form, event.submitter);
      if (text && !window.confirm(text)) {
        event.preventDefault();
        event.stopImmediatePropagation();
      }
    },
    true
  );

  document.addEventListener(
    "click",
    function (event) {
      var link = event.target.closest ? event.target.closest("a[data-confirm]") : null;
      if (link && !window.confirm(link.getAttribute("data-confirm"))) {
        event.preventDefault();
        event.stopImmediatePropagation();
      }
    },
    true
  );

  document.addEventListener("htmx:confirm", function (event) {
    var elt = event.detail && event.detail.elt;
    if (!elt || !elt.hasAttribute || !elt.hasAttribute("data-confirm") || elt.tagName === "FORM") {
      return; // forms were asked on submit already
    }
    event.preventDefault();
    if (window.confirm(elt.getAttribute("data-confirm"))) {
      event.detail.issueRequest(true);
    }
  });

  var INVALID =
    ".has-error input:not([type=hidden]), .has-error select, .has-error textarea, " +
    "[aria-invalid=true]";

  function focusFirstInvalid(root) {
    var field = (root || document).querySelector(INVALID);
    if (!field) {
      var summary = (root || document).querySelector(".error-summary");
      if (!summary) {
        return;
      }
      field = summary;
    }
    if (field.closest && field.closest("details") && !field.closest("details").open) {
      field.closest("details").open = true;
    }
    field.focus({ preventScroll: true });
    field.scrollIntoView({ block: "center" });
  }

  function markInvalid(root) {
    var fields = (root || document).querySelectorAll(
      ".has-error input:not([type=hidden]), .has-error select, .has-error textarea"
    );
    for (var i = 0; i < fields.length; i++) {
      fields[i].setAttribute("aria-invalid", "true");
    }
  }

  function settle(root) {
    markInvalid(root);
    focusFirstInvalid(root);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      settle(document);
    });
  } else {
    settle(document);
  }
  // Only after a submit: a fragment refreshed while the user types (filters, live checks)
  // must not take the focus away from where they are typing.
  document.addEventListener("htmx:afterSwap", function (event) {
    var detail = event.detail || {};
    var cause = detail.requestConfig && detail.requestConfig.triggeringEvent;
    var target = detail.target;
    if (!cause || cause.type !== "submit" || !target || !target.querySelector) {
      return;
    }
    if (target.querySelector(".has-error, .error-summary")) {
      settle(target);
    }
  });
})();
