// A <select data-autosubmit> sends its form as soon as another option is chosen.
// Without JavaScript the form's own submit button does the same (no inline handlers: CSP).
document.addEventListener("change", function (event) {
  var field = event.target;
  if (field instanceof HTMLSelectElement && field.hasAttribute("data-autosubmit") && field.form) {
    if (field.form.requestSubmit) {
      field.form.requestSubmit();
    } else {
      field.form.submit();
    }
  }
});
