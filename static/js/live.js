// Live quiz timers. The projector counts down to the question's closing time and, at zero,
// presses "show results" itself; a phone counts down the seconds the server said were left and
// then stops taking input. The server's clock decides in any case: late answers are refused.
(function () {
  "use strict";

  function tick() {
    document.querySelectorAll(".countdown").forEach(function (timer) {
      var left;
      if (timer.dataset.closes) {
        left = Math.max(0, Math.ceil((Date.parse(timer.dataset.closes) - Date.now()) / 1000));
      } else {
        if (!timer.dataset.until) {
          timer.dataset.until = String(Date.now() + Number(timer.dataset.remaining) * 1000);
        }
        left = Math.max(0, Math.ceil((Number(timer.dataset.until) - Date.now()) / 1000));
      }
      timer.textContent = String(left);
      if (left === 0 && !timer.dataset.done) {
        timer.dataset.done = "1";
        var auto = document.querySelector("[data-when-time-is-up]");
        if (auto) {
          auto.click();
        }
        var card = timer.closest(".question");
        if (card) {
          card.querySelectorAll("input, button").forEach(function (control) {
            control.disabled = true;
          });
        }
      }
    });
  }
  tick();
  window.setInterval(tick, 250);
}());
