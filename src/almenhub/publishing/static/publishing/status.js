// The builder's status screen follows a running compile (status.json) and
// reloads when it ends. Loaded as a file: the admin runs no inline script of ours.
(function () {
  var box = document.getElementById("compile-status");
  if (!box || box.dataset.busy !== "1") return;
  function poll() {
    fetch(box.dataset.url, {credentials: "same-origin"}).then(function (r) { return r.json(); }).then(function (s) {
      document.getElementById("status-label").textContent = s.state_label;
      document.getElementById("status-message").textContent = s.message;
      document.getElementById("status-progress").value = s.progress;
      var err = document.getElementById("status-error");
      err.textContent = s.error; err.hidden = !s.error;
      if (s.busy) { setTimeout(poll, 1500); } else { window.location.reload(); }
    });
  }
  setTimeout(poll, 1500);
})();
