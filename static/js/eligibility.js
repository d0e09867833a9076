// As the applicant types, ask the portal which SME test result and size group
// follow (the rule lives on the server) and show it. Without JavaScript the
// same summary appears after saving.
(function () {
  const form = document.querySelector("form[data-eligibility-url]");
  if (!form) return;
  const output = document.getElementById("eligibility");
  const names = ["paid_in_capital", "regular_employees", "founded_on"];
  let timer = null;
  function refresh() {
    const params = new URLSearchParams();
    names.forEach((name) => params.set(name, form.elements[name].value));
    fetch(form.dataset.eligibilityUrl + "?" + params.toString(), {credentials: "same-origin"})
      .then((response) => (response.ok ? response.text() : null))
      .then((html) => { if (html !== null) output.innerHTML = html; });
  }
  names.forEach((name) => {
    form.elements[name].addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(refresh, 250);
    });
  });
})();
