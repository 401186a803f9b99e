// Survey import: progressive enhancement of the file upload. Without JavaScript the form
// posts as usual; with it, the same multipart body is sent with XMLHttpRequest so the
// upload progress shows in the <progress> bar and a live text ("38 % verstuurd"), and the
// answer (the survey page, or the report of what was refused) replaces the page.
(function () {
  "use strict";
  var form = document.getElementById("import-form");
  if (!form || !window.XMLHttpRequest || !window.FormData) return;
  var box = document.getElementById("import-progress");
  var bar = document.getElementById("import-progress-bar");
  var text = document.getElementById("import-progress-text");
  var file = document.getElementById("csv_file");
  form.addEventListener("submit", function (event) {
    if (!file || !file.files || file.files.length === 0) return; // pasted text: a plain post
    event.preventDefault();
    var button = form.querySelector("button[type=submit]");
    if (button) button.disabled = true;
    box.hidden = false;
    var request = new XMLHttpRequest();
    request.open("POST", form.action);
    request.upload.addEventListener("progress", function (progress) {
      if (!progress.lengthComputable) return;
      var percent = Math.floor((progress.loaded / progress.total) * 100);
      bar.value = percent;
      text.textContent = text.getAttribute("data-sent").replace("{percent}", String(percent));
    });
    request.upload.addEventListener("load", function () {
      bar.value = 100;
      text.textContent = text.getAttribute("data-stored");
    });
    request.addEventListener("load", function () {
      // After a redirect responseURL is the survey page; show what the server answered.
      if (request.responseURL && request.status < 400 && request.responseURL !== form.action) {
        window.location.assign(request.responseURL);
        return;
      }
      document.open();
      document.write(request.responseText);
      document.close();
    });
    request.addEventListener("error", function () { form.submit(); });
    request.send(new FormData(form));
  });
})();
