// Keyboard for the review page: Space reveals, 1-4 rate a flashcard or pick an option (a
// single choice's number answers it), Enter hands in a multiple choice.
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
      // A single choice's number answers at once, as a rating key does; a multiple choice's
      // numbers tick options until Enter.
      if (control.type === "radio" && control.form) {
        control.form.requestSubmit();
      }
      return;
    }
    var answer = card.querySelector("form.answer-form");
    if (event.key === "Enter" && answer && answer.querySelector("input[name=option]")) {
      event.preventDefault();
      answer.requestSubmit(answer.querySelector("button.primary"));
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
