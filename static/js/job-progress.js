// Follows a background job: asks the server for its progress every second until it has finished.
(function () {
  const region = document.querySelector("[data-job-progress]");
  if (!region || region.dataset.finished === "1") return;
  function poll() {
    fetch(region.dataset.jobProgress, { credentials: "same-origin" })
      .then(function (response) {
        const finished = response.headers.get("X-Job-Finished") === "1";
        return response.text().then(function (html) {
          region.innerHTML = html;
          if (!finished) setTimeout(poll, 1000);
        });
      })
      .catch(function () { setTimeout(poll, 3000); });
  }
  setTimeout(poll, 1000);
})();
