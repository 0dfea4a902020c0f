// Keyboard for the review page: Space reveals, 1-4 rate a flashcard or pick an option.
// Written by hand, no dependencies; htmx swaps the card, so listeners are delegated.
(function () {
  "use strict";

  function typing(target) {
    return target && (target.tagName === "INPUT" && target.type === "text" || target.tagName === "TEXTAREA");
  }

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) {
      return;
    }
    var card = document.getElementById("card");
    if (!card) {
      return;
    }
    var control = card.querySelector('[data-key="' + (event.key === " " ? " " : event.key) + '"]');
    if (control) {
      event.preventDefault();
      control.click();
    }
  });

  // Opening the hint makes a right answer count as Hard rather than Good.
  document.addEventListener("toggle", function (event) {
    var hint = event.target;
    if (hint.classList && hint.classList.contains("study-hint") && hint.open) {
      var flag = document.querySelector("#card .hint-used");
      if (flag) {
        flag.value = "on";
      }
    }
  }, true);
}());
