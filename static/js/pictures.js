// The product form's pictures: each picture is uploaded as soon as it is chosen (several at
// once from "choose pictures"), with its progress, and held for the form, so that an error
// elsewhere on the form costs none of them. Without JavaScript the form sends the files with
// everything else and the portal holds them the same way.
(function () {
  const fieldset = document.querySelector("fieldset[data-hold-url]");
  if (!fieldset) return;
  const form = fieldset.form || fieldset.closest("form");
  const text = fieldset.dataset;
  const rows = Array.from(fieldset.querySelectorAll(".picture-row"));
  const batch = document.getElementById("id_pictures-batch");
  const batchStatus = fieldset.querySelector(".picture-batch__status");

  function input(row, name) {
    return row.querySelector('input[name$="-' + name + '"]');
  }
  function isFree(row) {
    const existing = input(row, "existing");
    return !input(row, "held").value && !(existing && existing.value) && !row.dataset.busy
      && !(input(row, "file") && input(row, "file").value);
  }
  // Empty rows wait out of sight until they are needed: the first free one stays shown.
  function showOneFreeRow() {
    let shown = false;
    rows.forEach((row) => {
      const empty = row.classList.contains("picture-row--empty") && isFree(row);
      const hasError = row.querySelector(".errorlist");
      row.hidden = empty && shown && !hasError;
      if (empty && !row.hidden) shown = true;
    });
  }

  function upload(row, file, focusAfter) {
    const fileInput = input(row, "file");
    const status = document.createElement("p");
    status.className = "picture-row__status";
    status.setAttribute("role", "status");
    const progress = document.createElement("progress");
    progress.max = 100;
    progress.value = 0;
    status.append(text.uploading, " ", progress);
    row.hidden = false;
    row.querySelectorAll(".picture-row__held").forEach((node) => node.remove());
    (fileInput ? fileInput.closest(".picture-row__file") || fileInput : row.querySelector("h3")).after(status);

    row.dataset.busy = "1";
    queue = queue.then(() => send(row, file, status, progress, focusAfter));
  }

  // One upload at a time: the pictures arrive in the order chosen, each with its progress.
  let queue = Promise.resolve();

  function send(row, file, status, progress, focusAfter) {
    const fileInput = input(row, "file");
    const data = new FormData();
    data.append("file", file);
    data.append("csrfmiddlewaretoken", form.elements.csrfmiddlewaretoken.value);
    const request = new XMLHttpRequest();
    request.open("POST", fieldset.dataset.holdUrl);
    request.upload.addEventListener("progress", (event) => {
      if (event.lengthComputable) progress.value = Math.round((100 * event.loaded) / event.total);
    });
    const done = new Promise((resolve) => request.addEventListener("loadend", () => {
      resolve();
      delete row.dataset.busy;
      let answer = {};
      try { answer = JSON.parse(request.responseText); } catch (error) { answer = {}; }
      if (request.status === 201) {
        held(row, answer, status, focusAfter);
      } else {
        status.textContent = answer.error || text.failed;
        status.classList.add("picture-row__status--failed");
        if (fileInput) fileInput.value = "";
      }
      showOneFreeRow();
    }));
    request.send(data);
    return done;
  }

  function held(row, answer, status, focusAfter) {
    const fileInput = input(row, "file");
    input(row, "held").value = answer.id;
    row.classList.remove("picture-row--empty");
    if (fileInput) {
      fileInput.value = "";
      (fileInput.closest(".picture-row__file") || fileInput).hidden = true;
    }
    const picture = document.createElement("img");
    picture.src = answer.url;
    picture.alt = "";
    picture.width = 160;
    picture.className = "picture-row__thumb picture-row__held";
    status.textContent = text.chosen.replace("__name__", answer.name);
    status.classList.add("picture-row__held");
    status.before(picture);
    const remove = document.createElement("button");
    remove.type = "button";
    remove.className = "button picture-row__held";
    remove.textContent = text.remove;
    remove.addEventListener("click", () => {
      input(row, "held").value = "";
      row.querySelectorAll(".picture-row__held").forEach((node) => node.remove());
      if (fileInput) (fileInput.closest(".picture-row__file") || fileInput).hidden = false;
      row.classList.add("picture-row--empty");
      showOneFreeRow();
      (fileInput || batch).focus();
    });
    status.after(remove);
    const altText = input(row, "alt_text");
    if (focusAfter && altText && !altText.value) altText.focus();
  }

  rows.forEach((row) => {
    const fileInput = input(row, "file");
    if (!fileInput) return;
    fileInput.addEventListener("change", () => {
      if (fileInput.files.length) upload(row, fileInput.files[0], true);
    });
  });
  batch.addEventListener("change", () => {
    let skipped = 0;
    Array.from(batch.files).forEach((file) => {
      const row = rows.find(isFree);
      if (row) upload(row, file, false);
      else skipped += 1;
    });
    batch.value = "";
    batchStatus.textContent = skipped ? text.full : "";
  });
  showOneFreeRow();
})();
