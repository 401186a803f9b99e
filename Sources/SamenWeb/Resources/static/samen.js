// Samen works without JavaScript; this file only makes some forms quicker to use.

// Highlighting: selecting words in the story text fills the highlight form's quote and
// positions, so the team need not copy and paste.
document.addEventListener("DOMContentLoaded", function () {
  var source = document.getElementById("pseudonymised");
  var quote = document.getElementById("quote");
  if (!source || !quote) return;
  function take() {
    var start = source.selectionStart, end = source.selectionEnd;
    if (typeof start !== "number" || end <= start) return;
    quote.value = source.value.substring(start, end).trim();
    var from = document.getElementById("start"), to = document.getElementById("end");
    if (from && to) { from.value = String(start); to.value = String(end); }
  }
  source.addEventListener("mouseup", take);
  source.addEventListener("keyup", take);
});
