// Live quorum count while the secretary marks attendance (the server checks again on save).
(function () {
  "use strict";
  var box = document.getElementById("quorum-live");
  if (!box) {
    return;
  }
  var total = parseInt(box.dataset.total, 10);
  var needed = parseInt(box.dataset.needed, 10);
  var template = box.dataset.template;
  function update() {
    var present = document.querySelectorAll("input[type=radio][value=present]:checked").length;
    var absent = document.querySelectorAll("input[type=radio][value=absent]:checked").length;
    box.textContent = template
      .replace("%(present)s", present)
      .replace("%(absent)s", absent)
      .replace("%(total)s", total)
      .replace("%(needed)s", needed);
    box.className = "alert " + (present >= needed ? "alert-success" : "alert-warning");
  }
  document.querySelectorAll("input[type=radio]").forEach(function (el) {
    el.addEventListener("change", update);
  });
  update();
})();
