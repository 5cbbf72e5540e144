// Suggestions as you type, filled into the search field's <datalist>.
// The page works without it: the form is a plain GET form.
(function () {
  "use strict";
  var input = document.getElementById("id_q");
  var list = document.getElementById("search-suggestions");
  if (!input || !list || !window.fetch) return;
  var timer = null;
  var last = "";
  input.addEventListener("input", function () {
    var value = input.value.trim();
    if (value === last || value.length < 2) return;
    last = value;
    clearTimeout(timer);
    timer = setTimeout(function () {
      fetch(input.dataset.suggestUrl + "?q=" + encodeURIComponent(value), {
        headers: { Accept: "application/json" },
      })
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (data) {
          list.textContent = "";
          data.suggestions.forEach(function (item) {
            var option = document.createElement("option");
            option.value = item.label;
            option.label = item.kind;
            list.appendChild(option);
          });
        })
        .catch(function () {});
    }, 150);
  });
})();
