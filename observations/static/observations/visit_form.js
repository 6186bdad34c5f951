/* Keep what is typed into the visit form in this browser until the server has saved it.
 *
 * In a classroom the connection may drop just when "Save" is pressed: the text stays in
 * localStorage (under a key per visit and per user) and is put back when the form opens
 * again. A page reached after a successful save names the keys to forget (data-clear-keys).
 * No inline script: this file is loaded as a static file.
 */
(function () {
  "use strict";

  var MAX_AGE_MS = 14 * 24 * 60 * 60 * 1000;

  function storage() {
    try {
      return window.localStorage;
    } catch (error) {
      return null;
    }
  }

  function forget(keys) {
    var store = storage();
    if (!store) return;
    keys.forEach(function (key) {
      if (key) store.removeItem(key);
    });
  }

  document.querySelectorAll("[data-clear-keys]").forEach(function (element) {
    forget(element.getAttribute("data-clear-keys").split(" "));
  });

  // The page marks the visit form with an element beside it (the form is the one page
  // form of form_page.html): the key to keep the text under, and whether it was just saved.
  var marker = document.getElementById("visit-form");
  var form = marker && marker.parentElement.querySelector("form");
  if (!form) return;
  var key = marker.getAttribute("data-draft-key");
  var store = storage();
  if (!key || !store) return;
  if (marker.getAttribute("data-saved") === "1") {
    forget([key]);
  }

  function fields() {
    return Array.prototype.filter.call(form.elements, function (element) {
      return element.name && element.name !== "csrfmiddlewaretoken" && element.type !== "submit" &&
        element.type !== "hidden" && element.type !== "button";
    });
  }

  function collect() {
    var values = {};
    fields().forEach(function (element) {
      if (element.type === "radio") {
        if (element.checked) values[element.name] = element.value;
        else if (!(element.name in values)) values[element.name] = null;
      } else if (element.type === "checkbox") {
        values[element.name] = element.checked;
      } else {
        values[element.name] = element.value;
      }
    });
    return values;
  }

  function restore(values) {
    var changed = false;
    fields().forEach(function (element) {
      if (!(element.name in values)) return;
      var value = values[element.name];
      if (element.type === "radio") {
        if (value === null) return;
        var checked = element.value === value;
        if (element.checked !== checked) {
          element.checked = checked;
          changed = true;
        }
      } else if (element.type === "checkbox") {
        if (element.checked !== value) {
          element.checked = value;
          changed = true;
        }
      } else if (typeof value === "string" && element.value !== value) {
        element.value = value;
        changed = true;
      }
    });
    return changed;
  }

  function save() {
    try {
      store.setItem(key, JSON.stringify({ savedAt: Date.now(), values: collect() }));
    } catch (error) {
      /* Storage full or refused: the server-side draft is still there. */
    }
  }

  var raw = store.getItem(key);
  if (raw) {
    try {
      var stored = JSON.parse(raw);
      if (stored && stored.values && Date.now() - stored.savedAt < MAX_AGE_MS) {
        if (restore(stored.values)) {
          var notice = document.getElementById("draft-restored");
          if (notice) notice.classList.remove("d-none");
        }
      } else {
        forget([key]);
      }
    } catch (error) {
      forget([key]);
    }
  }

  form.addEventListener("input", save);
  form.addEventListener("change", save);

  var discard = document.getElementById("draft-discard");
  if (discard) {
    discard.addEventListener("click", function () {
      forget([key]);
      window.location.assign(window.location.pathname + window.location.search);
    });
  }
})();

/* After a refused save, the banner names the fields to correct: the focus goes to the first of
 * them, and each name in the banner leads to its field. */
(function () {
  "use strict";

  var banner = document.getElementById("visit-errors");
  var form = banner && banner.parentElement.querySelector("form");
  if (!form) return;

  function control(name) {
    var element = form.elements[name];
    if (element && typeof element.length === "number" && !element.tagName) {
      // A group of radio buttons: the chosen one, else the first.
      var list = Array.prototype.slice.call(element);
      element = list.filter(function (radio) { return radio.checked; })[0] || list[0];
    }
    return element || null;
  }

  function focusField(name) {
    var element = control(name);
    if (!element) return false;
    element.scrollIntoView({ block: "center" });
    element.focus({ preventScroll: true });
    return true;
  }

  var links = banner.querySelectorAll("a[data-field]");
  Array.prototype.forEach.call(links, function (link) {
    link.addEventListener("click", function (event) {
      if (focusField(link.getAttribute("data-field"))) event.preventDefault();
    });
  });
  if (links.length) focusField(links[0].getAttribute("data-field"));
})();
