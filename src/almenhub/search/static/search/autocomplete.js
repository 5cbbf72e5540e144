// Suggestions as you type: the search field becomes a combobox with a
// listbox popup (WAI-ARIA APG pattern "editable combobox with list
// autocomplete"). A suggestion that names an organisation or a theme opens
// its page; a title suggestion searches for it. The page works without this
// file: the form is a plain GET form.
(function () {
  "use strict";
  var input = document.getElementById("id_q");
  var form = input && input.form;
  if (!input || !form || !window.fetch || !input.dataset.suggestUrl) return;

  var list = document.createElement("ul");
  list.id = "search-suggestions";
  list.className = "search-suggestions";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", "Forslag");
  list.hidden = true;
  // Announces how many suggestions there are, as the list itself is not
  // read out until the user moves into it.
  var status = document.createElement("div");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  input.parentNode.appendChild(list);
  input.parentNode.appendChild(status);

  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", list.id);

  var items = [];
  var active = -1;
  var timer = null;
  var asked = 0; // the number of the last request: older answers are dropped
  var last = "";

  function options() {
    return list.querySelectorAll('[role="option"]');
  }

  function setActive(index) {
    var all = options();
    if (active >= 0 && all[active]) all[active].setAttribute("aria-selected", "false");
    active = index;
    if (active >= 0 && all[active]) {
      all[active].setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", all[active].id);
      all[active].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function close() {
    setActive(-1);
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
  }

  function open() {
    if (!items.length) return;
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
  }

  function announce(count) {
    status.textContent =
      count === 0
        ? "Ingen forslag."
        : count === 1
          ? "1 forslag. Brug pil ned for at vælge det."
          : count + " forslag. Brug pil op og pil ned for at vælge.";
  }

  function show(suggestions) {
    items = suggestions;
    list.textContent = "";
    items.forEach(function (item, index) {
      var option = document.createElement("li");
      option.id = "search-suggestion-" + index;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      var label = document.createElement("span");
      label.className = "search-suggestions__label";
      label.textContent = item.label;
      var kind = document.createElement("span");
      kind.className = "search-suggestions__kind";
      kind.textContent =
        item.action === "open" ? " · Gå til " + item.kind.toLowerCase() : " · Søg";
      option.appendChild(label);
      option.appendChild(kind);
      list.appendChild(option);
    });
    active = -1;
    input.removeAttribute("aria-activedescendant");
    announce(items.length);
    if (items.length) open();
    else close();
  }

  function choose(index) {
    var item = items[index];
    if (!item) return;
    close();
    // Only our own addresses: the suggestions come from this site.
    if (item.action === "open" && /^\/(?!\/)/.test(item.url)) {
      window.location.assign(item.url);
      return;
    }
    input.value = item.label;
    if (form.requestSubmit) form.requestSubmit();
    else form.submit();
  }

  function ask(value) {
    var number = ++asked;
    fetch(input.dataset.suggestUrl + "?q=" + encodeURIComponent(value), {
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        return response.ok ? response.json() : { suggestions: [] };
      })
      .then(function (data) {
        if (number === asked && document.activeElement === input) show(data.suggestions || []);
      })
      .catch(function () {});
  }

  input.addEventListener("input", function () {
    var value = input.value.trim();
    clearTimeout(timer);
    if (value.length < 2) {
      last = value;
      asked++;
      items = [];
      list.textContent = "";
      close();
      return;
    }
    if (value === last) return;
    last = value;
    timer = setTimeout(function () { ask(value); }, 150);
  });

  input.addEventListener("keydown", function (event) {
    var count = items.length;
    switch (event.key) {
      case "ArrowDown":
        if (!count) return;
        event.preventDefault();
        if (list.hidden) open();
        if (!event.altKey) setActive(active + 1 < count ? active + 1 : 0);
        break;
      case "ArrowUp":
        if (!count) return;
        event.preventDefault();
        if (list.hidden) open();
        setActive(active > 0 ? active - 1 : count - 1);
        break;
      case "Enter":
        if (!list.hidden && active >= 0) {
          event.preventDefault();
          choose(active);
        }
        break;
      case "Escape":
        if (!list.hidden) {
          event.preventDefault();
          close();
        }
        break;
      default:
        break;
    }
  });

  input.addEventListener("blur", close);
  // Keeps the focus in the field while a suggestion is clicked.
  list.addEventListener("mousedown", function (event) { event.preventDefault(); });
  list.addEventListener("click", function (event) {
    var option = event.target.closest('[role="option"]');
    if (option) choose(Array.prototype.indexOf.call(options(), option));
  });
})();
