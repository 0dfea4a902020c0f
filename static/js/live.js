// The live quiz in the browser: timers, the phones' transport, the projector's keys.
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
      if (tag === "INPUT" || tag === "TEXTAREA" || tag === "BUTTON" || tag === "SUMMARY" || tag === "A") {
        return; // the focused control takes its own keys
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
