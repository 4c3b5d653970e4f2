// Small, optional enhancements: every page works without them.
(function () {
  "use strict";

  // "Ouvert maintenant": the venue's week and closures, read at the venue's time zone.
  var now = document.querySelector(".open-now[data-schedule]");
  if (now && window.Intl) {
    var schedule = JSON.parse(now.getAttribute("data-schedule"));
    var parts = {};
    new Intl.DateTimeFormat("en-GB", {
      timeZone: schedule.tz, year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", weekday: "short", hourCycle: "h23"
    }).formatToParts(new Date()).forEach(function (p) { parts[p.type] = p.value; });
    var day = parts.year + "-" + parts.month + "-" + parts.day;
    var time = parts.hour + ":" + parts.minute;
    var closed = schedule.closed.some(function (c) { return c[0] <= day && day <= c[1]; });
    var slots = closed ? [] : (schedule.hours[parts.weekday.slice(0, 2).toLowerCase()] || []);
    var open = slots.filter(function (s) { return s[0] <= time && time < s[1]; })[0];
    now.textContent = open ? "Ouvert en ce moment, jusqu'à " + open[1].replace(":", " h ").replace(" h 00", " h") + "."
                           : "Fermé en ce moment.";
    now.className += open ? " is-open" : " is-closed";
    now.hidden = false;
  }

  // E-mail addresses are written for people ("[arobase]"): make them links again.
  document.querySelectorAll(".email[data-user]").forEach(function (span) {
    var address = span.getAttribute("data-user") + "@" + span.getAttribute("data-domain");
    var link = document.createElement("a");
    link.href = "mailto:" + address;
    link.textContent = address;
    span.replaceWith(link);
  });

  // A "copy" button beside each calendar address.
  if (navigator.clipboard) {
    document.querySelectorAll("code.feed-url").forEach(function (code) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "button button-quiet";
      button.textContent = "Copier l'adresse";
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(code.textContent).then(function () { button.textContent = "Adresse copiée"; });
      });
      code.insertAdjacentElement("afterend", button);
    });
  }

  // The printable programme gets a print button.
  document.querySelectorAll(".print-button").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });

  // Event pages: a button that copies the page's address (the address is written beside it for everyone else).
  document.querySelectorAll(".copy-link[data-url]").forEach(function (button) {
    if (!navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(button.getAttribute("data-url")).then(function () {
        button.textContent = "Adresse copiée";
      }, function () {
        button.textContent = "Copie impossible : sélectionnez l'adresse";
      });
    });
  });

  // Site search, when the Pagefind index was built.
  var search = document.getElementById("recherche");
  if (search && window.PagefindUI) {
    new window.PagefindUI({ element: "#recherche", bundlePath: search.getAttribute("data-bundle"), showImages: false,
      translations: { placeholder: "Rechercher sur le site", zero_results: "Aucun résultat pour [SEARCH_TERM]" } });
    // Pagefind's field has a placeholder only: give it a real accessible name.
    var label = function () {
      var input = search.querySelector("input");
      if (input) input.setAttribute("aria-label", "Rechercher sur le site");
      return Boolean(input);
    };
    if (!label()) new MutationObserver(function (_, observer) { if (label()) observer.disconnect(); })
      .observe(search, { childList: true, subtree: true });
  }
})();
