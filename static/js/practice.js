// The practice test's timer: counts down to the deadline the server set and hands the test in
// at zero. Without JavaScript the page states the deadline, and the server still enforces it.
(function () {
  "use strict";

  var form = document.querySelector("form[data-deadline]");
  if (!form) {
    return;
  }
  var deadline = Date.parse(form.dataset.deadline);
  var output = form.querySelector(".countdown");
  var submitted = false;
  form.addEventListener("submit", function () {
    submitted = true;
  });

  function tick() {
    var left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
    var minutes = Math.floor(left / 60);
    var seconds = left % 60;
    output.textContent = minutes + ":" + (seconds < 10 ? "0" : "") + seconds;
    if (left === 0) {
      if (!submitted) {
        submitted = true;
        form.requestSubmit();
      }
      return;
    }
    window.setTimeout(tick, 1000);
  }
  tick();
}());
