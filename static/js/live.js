// The live quiz in the browser: timers, the phones' transport, the projector's keys and sounds.
//
// Timers: the projector counts down to the question's closing time (its ring empties) and, at
// zero, presses "show results" itself; a phone counts down the seconds the server said were
// left and then stops taking input. The server's clock decides in any case.
//
// Transport: the game's changes arrive over server-sent events (htmx's SSE extension, set up
// by the page's data-sse-connect). A phone falls back to polling the state every second when
// the browser has no EventSource, or when the stream has not opened within a few seconds (a
// proxy that buffers it). A dropped stream shows 正在重新连接 until it is back, then the phone
// (or the projector) fetches the current state, in case it missed a change meanwhile.
(function () {
  "use strict";

  var FALLBACK_AFTER_MS = 3000;
  var POLL_MS = 1000;
  var ASLEEP_MS = 10000; // hidden this long, a phone reconnects when it is shown again
  var RING = 2 * Math.PI * 45; // the countdown ring's circumference (live.css's dasharray)

  var ticked = ""; // the question and second the projector's last tick was for

  function tick() {
    document.querySelectorAll(".countdown").forEach(function (timer) {
      var leftMs;
      if (timer.dataset.closes) {
        leftMs = Math.max(0, Date.parse(timer.dataset.closes) - Date.now());
      } else {
        if (!timer.dataset.until) {
          timer.dataset.until = String(Date.now() + Number(timer.dataset.remaining) * 1000);
        }
        leftMs = Math.max(0, Number(timer.dataset.until) - Date.now());
      }
      var left = Math.ceil(leftMs / 1000);
      timer.textContent = String(left);
      var ring = timer.parentNode.querySelector("[data-ring]");
      if (ring && timer.dataset.seconds) {
        var share = Math.min(1, leftMs / (Number(timer.dataset.seconds) * 1000));
        ring.setAttribute("stroke-dashoffset", String(RING * (1 - share)));
        ring.classList.toggle("ring-low", left <= 5);
        // Once a second: the stage fetched again (polling) brings the countdown back anew.
        var second = timer.dataset.closes + "@" + left;
        if (left <= 5 && left > 0 && second !== ticked) {
          ticked = second;
          sounds.play("tick");
        }
      }
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

  // The projector's sounds: off until the teacher presses 声音 (the choice is kept in this
  // browser). A browser may refuse to play before the page has had a click or a key; the
  // refusal is ignored, the game does not depend on sound.
  var sounds = {
    on: false,
    KEY: "xueer.live.sounds",
    setUp: function (toggle) {
      var self = this;
      try {
        self.on = window.localStorage.getItem(self.KEY) === "on";
      } catch (error) {
        self.on = false;
      }
      toggle.hidden = false;
      function show() {
        toggle.setAttribute("aria-pressed", self.on ? "true" : "false");
      }
      show();
      toggle.addEventListener("click", function () {
        self.on = !self.on;
        try {
          window.localStorage.setItem(self.KEY, self.on ? "on" : "off");
        } catch (error) {
          // private mode: the choice lasts as long as the page
        }
        show();
        if (self.on) {
          self.play("tick");
        }
      });
    },
    play: function (name) {
      if (!this.on) {
        return;
      }
      var audio = document.querySelector("audio[data-sound='" + name + "']");
      if (!audio) {
        return;
      }
      audio.currentTime = 0;
      var playing = audio.play();
      if (playing && playing.catch) {
        playing.catch(function () {});
      }
      // What the room has heard, in order (the browser tests read it).
      var heard = document.body.dataset.soundsPlayed;
      document.body.dataset.soundsPlayed = heard ? heard + " " + name : name;
    },
  };

  // The phone ---------------------------------------------------------------------------

  function phone(live) {
    var banner = live.querySelector("[data-reconnecting]");
    var source = null;
    var opened = false;
    var dropped = false;
    var polling = null;

    function reconnecting(on) {
      banner.hidden = !on;
    }

    function refresh() {
      // From #phone, so that the request carries #live's hx-headers (the player's ticket) and its
      // events reach the listeners on #live; without a source htmx sends it from <body>.
      htmx.ajax("GET", live.dataset.playUrl, {
        source: "#phone",
        target: "#phone",
        swap: "outerHTML",
      });
    }

    // The state only if the game moved on since this page showed it: else a 204, no swap.
    function check() {
      htmx.ajax("GET", live.dataset.stateUrl + "?v=" + version(), {
        source: "#phone",
        target: "#phone",
        swap: "outerHTML",
      });
    }

    function version() {
      var view = document.querySelector("#phone [data-version]");
      return view ? view.dataset.version : "";
    }

    function poll() {
      if (polling) {
        return;
      }
      if (source) {
        source.close();
      }
      live.dataset.transport = "polling";
      polling = window.setInterval(function () {
        htmx.ajax("GET", live.dataset.stateUrl + "?v=" + version(), {
          source: "#phone",
          target: "#phone",
          swap: "outerHTML",
        });
      }, POLL_MS);
      live.addEventListener("htmx:sendError", function () {
        reconnecting(true);
      });
      live.addEventListener("htmx:afterRequest", function (event) {
        if (event.detail.successful) {
          reconnecting(false);
        }
      });
    }

    if (!window.EventSource || !live.hasAttribute("data-sse-connect")) {
      live.removeAttribute("data-sse-connect");
      poll();
      return;
    }
    live.addEventListener("htmx:sseOpen", function (event) {
      if (polling) {
        event.detail.source.close();
        return;
      }
      if (source === event.detail.source) {
        return; // the browser reconnected the same stream: its listener is there
      }
      source = event.detail.source;
      // django-eventstream opens every stream with a `stream-open` event: it came through.
      source.addEventListener("stream-open", function () {
        live.dataset.transport = "push";
        reconnecting(false);
        if (opened && dropped) {
          refresh();
        } else if (!opened) {
          check(); // a change before the stream was there would not come over it
        }
        opened = true;
        dropped = false;
      });
    });
    live.addEventListener("htmx:sseError", function () {
      if (!polling) {
        dropped = true;
        if (opened) {
          reconnecting(true);
        }
      }
    });

    // A new stream, when the network comes back or the phone wakes after a while: the old
    // one may have died without a word. The phone then fetches the state (see stream-open),
    // and with it a #stage listening to the new stream.
    var stream = live.getAttribute("data-sse-connect");
    function reconnect() {
      if (polling) {
        return;
      }
      dropped = true;
      reconnecting(true);
      if (source) {
        source.close();
      }
      live.setAttribute("data-sse-connect", stream + "?r=" + Date.now());
      htmx.process(live);
    }
    window.addEventListener("offline", function () {
      if (!polling) {
        dropped = true;
        reconnecting(true);
      }
    });
    window.addEventListener("online", reconnect);
    var hiddenSince = null;
    document.addEventListener("visibilitychange", function () {
      if (document.hidden) {
        hiddenSince = Date.now();
      } else if (hiddenSince !== null && Date.now() - hiddenSince > ASLEEP_MS) {
        reconnect();
      }
    });
    window.setTimeout(function () {
      if (!opened) {
        poll();
      }
    }, FALLBACK_AFTER_MS);
  }

  // The projector -----------------------------------------------------------------------

  function projector(main) {
    var dropped = false;
    var toggle = main.querySelector("[data-sound-toggle]");
    if (toggle) {
      sounds.setUp(toggle);
    }
    // A new stage that moved the game on: a chime for a question, a chord for the reveal, a
    // fanfare for the podium. A stage fetched again in the same state plays nothing; what this
    // tab showed last is kept across a reload (the panel's controls reload the page).
    var SHOWN_KEY = "xueer.live.shown." + window.location.pathname;
    function remembered() {
      try {
        return window.sessionStorage.getItem(SHOWN_KEY);
      } catch (error) {
        return null;
      }
    }
    function stageShown(first) {
      var stage = document.getElementById("stage");
      if (!stage) {
        return;
      }
      var key = stage.dataset.state + ":" + stage.dataset.index;
      var before = shown === null ? remembered() : shown;
      shown = key;
      try {
        window.sessionStorage.setItem(SHOWN_KEY, key);
      } catch (error) {
        // private mode: the page remembers it alone
      }
      if (key === before || (first && before === null)) {
        return;
      }
      var sound = { question: "question", results: "reveal", ended: "podium" }[stage.dataset.state];
      if (sound) {
        sounds.play(sound);
      }
    }
    var shown = null;
    stageShown(true);
    document.body.addEventListener("htmx:afterSettle", function () {
      stageShown(false);
    });
    if (!main.hasAttribute("data-sse-connect") || !window.EventSource) {
      // No push from this server: the stage (with its counts) every second.
      window.setInterval(function () {
        if (document.getElementById("stage")) {
          htmx.ajax("GET", window.location.pathname, { target: "#stage", swap: "outerHTML" });
        }
      }, POLL_MS);
    }
    main.addEventListener("htmx:sseOpen", function () {
      if (dropped) {
        dropped = false;
        htmx.ajax("GET", window.location.pathname, { target: "#stage", swap: "outerHTML" });
      }
    });
    main.addEventListener("htmx:sseError", function () {
      dropped = true;
    });
    document.addEventListener("keydown", function (event) {
      if (event.altKey || event.ctrlKey || event.metaKey) {
        return;
      }
      var tag = event.target.tagName;
      var control = tag === "INPUT" || tag === "TEXTAREA" || tag === "BUTTON" || tag === "SUMMARY" || tag === "A";
      if (control && !event.target.matches("[data-sound-toggle]")) {
        return; // the focused control takes its own keys (the sound toggle keeps Enter)
      }
      if (event.key === " ") {
        var step = document.querySelector("#stage [data-next-step]");
        if (step) {
          event.preventDefault();
          step.click();
        }
      } else if (event.key === "f" || event.key === "F") {
        if (document.fullscreenElement) {
          document.exitFullscreen();
        } else if (document.documentElement.requestFullscreen) {
          document.documentElement.requestFullscreen();
        }
      }
    });
  }

  var live = document.getElementById("live");
  if (live && live.dataset.stateUrl) {
    phone(live);
  }
  var main = document.querySelector("main.projector");
  if (main) {
    projector(main);
  }
  tick();
  window.setInterval(tick, 250);
}());
