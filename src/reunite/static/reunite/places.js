/* As-you-type place suggestions (progressive enhancement: without this script the fields are plain text).
 *
 * Every input marked `data-place-suggest`, and the intake form's place inputs (names ending in -birthplace,
 * -status_place or -place), gets a <datalist> filled from the place_suggestions endpoint as one types,
 * debounced. The endpoint's URL comes from this script tag's `data-suggest-url`. No dependencies. */
(function () {
  "use strict";

  var script = document.currentScript;
  var url = script && script.dataset.suggestUrl;
  var DELAY_MS = 200;
  var SELECTOR = [
    "input[data-place-suggest]",
    'input[name$="-birthplace"]',
    'input[name$="-status_place"]',
    'input[name$="-place"]',
  ].join(", ");

  function attach(input, index) {
    var list = document.createElement("datalist");
    list.id = (input.id || "place-input-" + index) + "-suggestions";
    input.insertAdjacentElement("afterend", list);
    input.setAttribute("list", list.id);
    input.setAttribute("autocomplete", "off");

    var timer = null;
    var pending = null;
    var lastQuery = "";

    // Browsers show only the options whose value or label contains the typed text, and "Kulja" is not in
    // "Ghulja (伊宁市)": the label repeats the query, with the code (and "?" where the place is ambiguous).
    function fill(query, suggestions) {
      list.replaceChildren();
      suggestions.forEach(function (s) {
        var option = document.createElement("option");
        option.value = s.label;
        option.label = query + " → " + s.code + (s.ambiguous ? " ?" : "");
        list.appendChild(option);
      });
    }

    function fetchSuggestions() {
      var query = input.value.trim();
      if (query === lastQuery) return;
      lastQuery = query;
      if (pending) pending.abort();
      if (!query) {
        fill(query, []);
        return;
      }
      pending = new AbortController();
      fetch(url + "?q=" + encodeURIComponent(query), {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
        signal: pending.signal,
      })
        .then(function (response) {
          return response.ok ? response.json() : { suggestions: [] };
        })
        .then(function (data) {
          if (input.value.trim() === query) fill(query, data.suggestions || []);
        })
        .catch(function () {
          /* aborted or offline: the field stays a plain text field */
        });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, DELAY_MS);
    });
  }

  function start() {
    if (!url || !window.fetch || !window.AbortController) return;
    Array.prototype.forEach.call(document.querySelectorAll(SELECTOR), attach);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
