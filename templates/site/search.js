// The register's search, an enhancement: without JavaScript the page links to the lists instead.
// Matches every word typed against the index embedded in the page; builds results as text only.
(function () {
  "use strict";
  var data = document.getElementById("search-index");
  var form = document.getElementById("search-form");
  if (!data || !form) return;
  var index = JSON.parse(data.textContent);
  var field = document.getElementById("search-field");
  var results = document.getElementById("search-results");
  var count = document.getElementById("search-count");
  document.getElementById("search-off").hidden = true;
  form.hidden = false;
  var base = document.querySelector("script[src$='assets/search.js']").getAttribute("src").replace(/assets\/search\.js$/, "");
  function run() {
    var words = field.value.toLowerCase().split(/\s+/).filter(Boolean);
    results.textContent = "";
    if (!words.length) { count.textContent = ""; return; }
    var found = index.filter(function (item) {
      var hay = (item.title + " " + item.text).toLowerCase();
      return words.every(function (w) { return hay.indexOf(w) !== -1; });
    });
    count.textContent = found.length + (found.length === 1 ? " result" : " results");
    found.slice(0, 200).forEach(function (item) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = base + item.path;
      a.textContent = item.title;
      li.appendChild(a);
      results.appendChild(li);
    });
  }
  form.addEventListener("submit", function (e) { e.preventDefault(); run(); });
  field.addEventListener("input", run);
  var q = new URLSearchParams(window.location.search).get("q");
  if (q) { field.value = q; run(); }
})();
