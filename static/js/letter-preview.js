// Live preview of a letter being edited: the server renders the text exactly as the letter will.
(function () {
  const source = document.querySelector("[data-letter-preview-source]");
  const panel = document.querySelector("[data-letter-preview-url]");
  if (!source || !panel) return;
  const target = panel.querySelector("[data-letter-preview]");
  const token = source.form.querySelector("[name=csrfmiddlewaretoken]").value;
  let timer = null;
  source.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      const body = new FormData();
      body.append("body", source.value);
      fetch(panel.dataset.letterPreviewUrl, {
        method: "POST", body: body, credentials: "same-origin", headers: { "X-CSRFToken": token },
      })
        .then(function (response) { return response.ok ? response.text() : Promise.reject(response); })
        .then(function (html) { target.innerHTML = html; })
        .catch(function () {});
    }, 400);
  });
})();
