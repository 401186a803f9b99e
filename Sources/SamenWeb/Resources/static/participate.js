// Progressive enhancement of the public participation page: with JavaScript on, a vote is
// sent in the background and the next statement replaces the current one without a page
// load. Without JavaScript the plain form posts and the page reloads: same result.
(function () {
  "use strict";
  function enhance(root) {
    var form = root.querySelector("form#vote-form");
    if (!form || !window.fetch || !window.DOMParser) return;
    form.addEventListener("submit", function (event) {
      var button = event.submitter;
      if (!button) return; // an old browser: let the form post normally
      event.preventDefault();
      var body = new URLSearchParams(new FormData(form));
      body.append(button.name, button.value);
      Array.prototype.forEach.call(form.querySelectorAll("button"), function (b) { b.disabled = true; });
      fetch(form.action, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: { "Content-Type": "application/x-www-form-urlencoded" }
      }).then(function (response) {
        return response.text();
      }).then(function (html) {
        var next = new DOMParser().parseFromString(html, "text/html").querySelector("main");
        var main = document.querySelector("main");
        if (!next || !main) { window.location.reload(); return; }
        main.innerHTML = next.innerHTML;
        enhance(main);
        var focus = main.querySelector(".error-summary, #vote-form legend, .notice");
        if (focus) { focus.setAttribute("tabindex", "-1"); focus.focus(); }
      }).catch(function () {
        form.submit(); // network trouble: fall back to the plain post
      });
    });
  }
  enhance(document);
})();
