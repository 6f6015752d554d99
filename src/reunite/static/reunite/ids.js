// Fills a person's empty birth date, sex and birthplace from the resident ID number typed in the same row,
// and says what the number gives or why it cannot be read. Progressive: without it, the server does the same
// on save. The number is POSTed (never put in a URL) with the form's CSRF token.
(function () {
  "use strict";
  var script = document.currentScript;
  var url = script && script.dataset.detailsUrl;
  if (!url) return;

  function fillIfEmpty(input, value) {
    if (input && value && !input.value) input.value = value;
  }

  function noteFor(input) {
    var note = input.parentNode.querySelector(".id-note");
    if (!note) {
      note = document.createElement("span");
      note.className = "id-note helptext";
      note.setAttribute("role", "status");
      input.parentNode.appendChild(note);
    }
    return note;
  }

  function describe(details) {
    if (!details.readable) return details.problems.join("; ");
    var sex = { F: "female", M: "male" }[details.sex] || "";
    var parts = [details.birth_date, sex, details.birthplace].filter(Boolean);
    return "The number says: " + parts.join(", ") + (details.problems.length ? " — " + details.problems.join("; ") : "");
  }

  function lookUp(input) {
    var prefix = input.name.slice(0, -"id_number".length);
    var form = input.form;
    var token = form.querySelector("input[name=csrfmiddlewaretoken]");
    if (!input.value.trim() || !token) return;
    var body = new URLSearchParams({ number: input.value });
    fetch(url, { method: "POST", body: body, headers: { "X-CSRFToken": token.value }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (details) {
        if (!details) return;
        noteFor(input).textContent = describe(details);
        if (!details.readable) return;
        fillIfEmpty(form.elements[prefix + "birth_date"], details.birth_date);
        fillIfEmpty(form.elements[prefix + "sex"], details.sex);
        fillIfEmpty(form.elements[prefix + "birthplace"], details.birthplace);
      })
      .catch(function () {});
  }

  document.querySelectorAll("input[name$='id_number']").forEach(function (input) {
    input.addEventListener("change", function () { lookUp(input); });
  });
})();
