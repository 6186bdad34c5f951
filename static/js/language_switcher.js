/* Switching the language reloads the page: what was typed into a form and not saved would be
 * lost. When a form on the page has changes, the switcher asks first (the question comes from
 * the switcher's data-unsaved-message, in the page's language). No inline script: this file is
 * loaded as a static file. */
(function () {
  "use strict";

  function selectChanged(select) {
    var options = Array.prototype.slice.call(select.options);
    var anyDefault = options.some(function (option) { return option.defaultSelected; });
    if (!anyDefault && !select.multiple) return select.selectedIndex > 0;
    return options.some(function (option) { return option.selected !== option.defaultSelected; });
  }

  function elementChanged(element) {
    if (!element.name || element.disabled) return false;
    var type = (element.type || "").toLowerCase();
    if (["hidden", "submit", "button", "reset", "image"].indexOf(type) !== -1) return false;
    if (type === "checkbox" || type === "radio") return element.checked !== element.defaultChecked;
    if (type === "file") return element.value !== "";
    if (element.tagName === "SELECT") return selectChanged(element);
    if ("defaultValue" in element) return element.value !== element.defaultValue;
    return false;
  }

  function unsavedChanges(switcher) {
    return Array.prototype.some.call(document.forms, function (form) {
      if (form === switcher || (form.getAttribute("method") || "get").toLowerCase() !== "post") {
        return false;
      }
      return Array.prototype.some.call(form.elements, elementChanged);
    });
  }

  document.querySelectorAll("form.language-switcher").forEach(function (switcher) {
    switcher.addEventListener("submit", function (event) {
      if (!unsavedChanges(switcher)) return;
      var message = switcher.getAttribute("data-unsaved-message");
      if (!window.confirm(message)) event.preventDefault();
    });
  });
})();
