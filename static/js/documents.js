// The application's documents: a file is uploaded as soon as it is chosen (several at once
// where the document takes several), with its progress. Without JavaScript the "Upload"
// button sends the same form.
(function () {
  function bind(root) {
    root.querySelectorAll("form.upload-form").forEach((form) => {
      const input = form.querySelector('input[type="file"]');
      const status = form.querySelector(".upload-form__progress");
      if (!input || !status) return;
      const progress = status.querySelector("progress");
      // Choosing a file is enough; the button stays for browsers without this script.
      form.querySelector('button[type="submit"]').hidden = true;
      input.addEventListener("change", () => {
        if (!input.files.length) return;
        status.hidden = false;
        const request = new XMLHttpRequest();
        request.open("POST", form.action || window.location.href);
        request.setRequestHeader("Accept", "application/json");
        request.upload.addEventListener("progress", (event) => {
          if (event.lengthComputable) progress.value = Math.round((100 * event.loaded) / event.total);
        });
        request.addEventListener("loadend", () => {
          const type = request.getResponseHeader("Content-Type") || "";
          if (request.status === 200 && type.startsWith("application/json")) {
            // Uploaded: the page, where the new file is listed with the confirmation.
            const next = new URL(JSON.parse(request.responseText).next, window.location.href);
            if (next.pathname === window.location.pathname) {
              window.location.hash = next.hash;
              window.location.reload();
            } else {
              window.location.assign(next);
            }
          } else if (request.status === 400) {
            // Refused, all or some: the page as the portal answered, the reason beside the field.
            const answer = new DOMParser().parseFromString(request.responseText, "text/html");
            const main = answer.querySelector("main");
            document.querySelector("main").replaceWith(main);
            bind(main);
            const error = main.querySelector(".errorlist");
            if (error) error.closest("section").scrollIntoView();
          } else {
            form.submit();  // the connection broke: send the form itself
          }
        });
        request.send(new FormData(form));
      });
    });
  }
  bind(document);
})();
