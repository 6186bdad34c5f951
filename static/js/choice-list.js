/* The one widget to choose several people (school.widgets.ChoiceList).
   The server renders a list of checkboxes; this adds, when the list is long, a search box
   that filters it as one types (Enter ticks the first match, the form is not sent), and
   above the list a line of the chosen names as chips, each of which removes its choice. */
(function () {
  "use strict";

  var SEARCH_FROM = 8; // a shorter list is seen at a glance

  function text(option) {
    return option.querySelector("label").textContent.replace(/\s+/g, " ").trim();
  }

  function fold(value) {
    return value.toLocaleLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  function enhance(box, number) {
    var options = Array.prototype.slice.call(box.querySelectorAll(".choice-list-option"));
    var list = box.querySelector(".choice-list-options");
    var data = box.dataset;
    var id = box.id || "choice-list-" + number;

    var chosen = document.createElement("div");
    chosen.className = "choice-list-chosen";
    var chosenLabel = document.createElement("span");
    chosenLabel.className = "choice-list-chosen-label";
    chosenLabel.textContent = data.chosenLabel + ":";
    var chips = document.createElement("ul");
    chips.className = "choice-list-chips";
    chips.setAttribute("aria-label", data.chosenLabel);
    chosen.appendChild(chosenLabel);
    chosen.appendChild(chips);
    box.insertBefore(chosen, list);

    function drawChips() {
      chips.textContent = "";
      var any = false;
      options.forEach(function (option) {
        var input = option.querySelector("input");
        if (!input.checked) return;
        any = true;
        var name = text(option);
        var item = document.createElement("li");
        var chip = document.createElement("button");
        chip.type = "button";
        chip.className = "choice-list-chip";
        chip.title = data.removeLabel + ": " + name;
        chip.setAttribute("aria-label", data.removeLabel + ": " + name);
        var label = document.createElement("span");
        label.className = "choice-list-chip-text";
        label.textContent = name;
        var cross = document.createElement("span");
        cross.setAttribute("aria-hidden", "true");
        cross.textContent = "×";
        chip.appendChild(label);
        chip.appendChild(cross);
        chip.addEventListener("click", function () {
          var place = Array.prototype.indexOf.call(chips.children, item);
          input.checked = false;
          input.dispatchEvent(new Event("change", { bubbles: true }));
          // The chips are drawn anew: keep the focus on the chip now in that place.
          var left = chips.querySelectorAll("button");
          (left[Math.min(place, left.length - 1)] || input).focus();
        });
        item.appendChild(chip);
        chips.appendChild(item);
      });
      chosen.hidden = !any;
    }
    box.addEventListener("change", drawChips);
    drawChips();

    if (options.length < SEARCH_FROM) return;

    var search = document.createElement("div");
    search.className = "choice-list-search";
    var label = document.createElement("label");
    label.className = "visually-hidden";
    label.htmlFor = id + "-search";
    label.textContent = data.searchLabel;
    var input = document.createElement("input");
    input.type = "search";
    input.id = id + "-search";
    input.className = "form-control form-control-sm";
    input.placeholder = data.searchLabel;
    input.autocomplete = "off";
    input.setAttribute("aria-controls", list.id = id + "-options");
    var empty = document.createElement("p");
    empty.className = "choice-list-empty";
    empty.textContent = data.nothingFound;
    empty.hidden = true;
    empty.setAttribute("role", "status");
    search.appendChild(label);
    search.appendChild(input);
    box.insertBefore(search, chosen);
    list.appendChild(empty);

    function visible() {
      return options.filter(function (option) { return !option.hidden; });
    }

    input.addEventListener("input", function () {
      var words = fold(input.value).split(/\s+/).filter(Boolean);
      options.forEach(function (option) {
        var name = fold(text(option));
        option.hidden = !words.every(function (word) { return name.indexOf(word) !== -1; });
      });
      empty.hidden = visible().length > 0;
    });

    input.addEventListener("keydown", function (event) {
      var shown = visible();
      if (event.key === "Enter") {
        event.preventDefault(); // choosing a person must not send the form
        var first = shown.filter(function (option) {
          return !option.querySelector("input").checked;
        })[0];
        if (!first || !input.value.trim()) return;
        var box = first.querySelector("input");
        box.checked = true;
        box.dispatchEvent(new Event("change", { bubbles: true }));
        input.value = "";
        input.dispatchEvent(new Event("input"));
      } else if (event.key === "ArrowDown" && shown.length) {
        event.preventDefault();
        shown[0].querySelector("input").focus();
      }
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-choice-list]"), enhance);
})();
