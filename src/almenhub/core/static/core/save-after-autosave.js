// A save or a publish waits for the autosave that is on its way.
//
// Wagtail's autosave posts the editor's form half a second after a change.
// When the editor saves before that post has been answered, both reach the
// server at once; Wagtail checks the autosave against the newest revision
// before it writes, not while it writes, so on a busy server the autosave (an
// older state of the form) can be written after the save and become the
// newest revision (wagtail/wagtail#13749). Seen in our own CI: a project's
// draft lost the publication chosen just before "Gem kladde". So a save first
// waits for the autosave's answer, stops further autosaves, and then goes
// ahead, to the address the autosave may have moved the form to (a new page
// that the autosave has created is edited, not created twice).
// Loaded as a file: the admin runs no inline script of ours.
(function () {
  "use strict";
  function autosaveOf(form) {
    var app = window.wagtail && window.wagtail.app;
    return app ? app.getControllerForElementAndIdentifier(form, "w-autosave") : null;
  }
  function sameButton(form, submitter) {
    if (!submitter) return null;
    if (submitter.isConnected && submitter.form === form) return submitter;
    // The autosave's answer may have re-rendered the form's buttons.
    var name = submitter.getAttribute("name");
    return name ? form.querySelector('[type="submit"][name="' + CSS.escape(name) + '"]') : null;
  }
  document.addEventListener(
    "submit",
    function (event) {
      var form = event.target;
      if (!(form instanceof HTMLFormElement) || form.dataset.autosaveSettled === "1") return;
      var autosave = autosaveOf(form);
      if (!autosave) return;
      autosave.activeValue = false;
      var pending = autosave.submitPromise;
      if (!pending) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      var submitter = event.submitter;
      pending
        .catch(function () {})
        .then(function () {
          form.dataset.autosaveSettled = "1";
          var button = sameButton(form, submitter);
          // Wagtail's progress indicator disables the clicked button; a
          // disabled button would leave its name (e.g. action-publish) out
          // of the form, and a publish would become a draft.
          var disabled = button ? button.disabled : false;
          if (button) button.disabled = false;
          form.requestSubmit(button || undefined);
          if (button) button.disabled = disabled;
        });
    },
    true
  );
})();
