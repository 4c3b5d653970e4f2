// Progressive enhancement: a "Copier" button beside each feed address.
// Without JavaScript, the address stays plain text that can be selected.
document.querySelectorAll("code.feed-url").forEach(function (code) {
  if (!navigator.clipboard) return;
  var button = document.createElement("button");
  button.type = "button";
  button.textContent = "Copier l'adresse";
  button.addEventListener("click", function () {
    navigator.clipboard.writeText(code.textContent).then(function () {
      button.textContent = "Adresse copiée";
    });
  });
  code.insertAdjacentElement("afterend", button);
});
