// The main menu as a menu button on narrow screens. Progressive enhancement:
// without this script the menu is a plain wrapping menu. A static file, as the
// Content-Security-Policy allows no inline script.
(function () {
  "use strict";
  var menu = document.getElementById("hovedmenu");
  var header = document.querySelector(".site-header__inner");
  if (!menu || !header || !window.matchMedia) return;
  var narrow = window.matchMedia("(max-width: 47.99rem)");
  var button = document.createElement("button");
  button.type = "button";
  button.className = "menu-button";
  button.textContent = "Menu";
  button.setAttribute("aria-controls", menu.id);
  button.setAttribute("aria-expanded", "false");
  header.insertBefore(button, menu);

  function apply() {
    if (narrow.matches) {
      header.classList.add("has-menu-button");
      button.hidden = false;
      var open = button.getAttribute("aria-expanded") === "true";
      menu.hidden = !open;
    } else {
      header.classList.remove("has-menu-button");
      button.hidden = true;
      button.setAttribute("aria-expanded", "false");
      menu.hidden = false;
    }
  }
  button.addEventListener("click", function () {
    var open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", String(open));
    menu.hidden = !open;
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && narrow.matches && !menu.hidden) {
      button.setAttribute("aria-expanded", "false");
      menu.hidden = true;
      button.focus();
    }
  });
  if (narrow.addEventListener) narrow.addEventListener("change", apply);
  apply();
})();
