/* 当场处罚 (zhifa.cases.summary_views): shows the party's section chosen, and the art. 51 limit as
 * the officer types the fine (the server refuses beyond it all the same). */
(function () {
  "use strict";
  var form = document.querySelector("form.on-spot-form");
  if (!form) { return; }
  var person = Number(form.dataset.limitPerson);
  var organisation = Number(form.dataset.limitOrganisation);
  var note = document.getElementById("fine-limit");
  var base = note ? note.textContent : "";

  function mode() {
    var checked = form.querySelector("input[name=party_mode]:checked");
    return checked ? checked.value : "registered";
  }
  function measure() {
    var checked = form.querySelector("input[name=measure]:checked");
    return checked ? checked.value : "";
  }
  function update() {
    var m = mode();
    form.querySelectorAll("[data-party]").forEach(function (el) {
      el.hidden = el.dataset.party !== m;
    });
    var fine = form.querySelector("[name=fine]");
    var field = fine.closest(".field");
    field.hidden = measure() === "warning";
    if (!note) { return; }
    var value = Number(fine.value);
    var limit = m === "person" ? person : organisation;
    if (measure() === "fine" && fine.value && !isNaN(value) && value > limit) {
      note.textContent = "超过当场处罚限额" + limit + "元（" + form.dataset.article + "），须适用普通程序。";
      note.className = "field-error";
    } else {
      note.textContent = m === "person" ? "当场罚款限额：公民" + person + "元以下（" + form.dataset.article + "）。" : base;
      note.className = "help";
    }
  }
  form.addEventListener("input", update);
  form.addEventListener("change", update);
  update();
}());
