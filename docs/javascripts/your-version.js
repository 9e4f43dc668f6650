// The "your version" picker: reads the results embedded in the page (#kb-versions, generated
// from results/ at build time) and shows what the picked release does with each case. The
// options are in the page's HTML (kb/versions.py); nothing shows before a release is picked.
// Nothing is fetched; with JavaScript off the same data is in the tables below the picker.
(function () {
  var blob = document.getElementById("kb-versions");
  var pick = document.getElementById("kb-pick");
  var writer = document.getElementById("kb-writer");
  var out = document.getElementById("kb-picked");
  if (!blob || !pick || !out) return;
  var data = null, writers = {};  // read when the reader first picks (not while the page loads)
  Array.prototype.forEach.call(writer.options, function (o) { if (o.value) writers[o.value] = true; });
  function cell(row, text, tag) {
    var td = document.createElement(tag || "td");
    td.textContent = text;
    row.appendChild(td);
    return td;
  }
  function render() {
    var rt = pick.value, w = writer.value;
    out.textContent = "";
    if (!rt) return;
    data = data || JSON.parse(blob.textContent);
    var applies = (data.advisories || []).filter(function (a) { return a.releases.indexOf(rt) >= 0; });
    var p = document.createElement("p");
    p.textContent = applies.length
      ? "Advisories that apply to " + rt + ": " + applies.map(function (a) { return a.id; }).join(", ") + "."
      : "No advisory listed on the security page applies to " + rt + ".";
    var more = document.createElement("a");
    more.href = data.advisories_url;
    more.textContent = " The advisories";
    p.appendChild(more);
    out.appendChild(p);
    data.scans.forEach(function (scan) {
      var rows = Object.keys(scan.cases).filter(function (c) {
        if (!(rt in scan.cases[c])) return false;
        var first = c.split(" ")[0];
        return !writers[first] || !w || first === w;
      });
      if (!rows.length) return;
      var h = document.createElement("h3");
      var a = document.createElement("a");
      a.href = "#" + scan.anchor;
      a.textContent = scan.title;
      h.appendChild(a);
      out.appendChild(h);
      var table = document.createElement("table");
      var head = document.createElement("tr");
      cell(head, "Case", "th");
      cell(head, "On " + rt, "th");
      table.appendChild(head);
      rows.forEach(function (c) {
        var tr = document.createElement("tr");
        var i = scan.cases[c][rt], v = data.verdicts[i], link = data.answers[i];
        cell(tr, c);
        var td = cell(tr, v);
        td.className = "kb-verdict kb-" + v.split(/[:; ]/)[0].replace("/", "");
        if (link) {
          var a = document.createElement("a");
          a.href = link;
          a.textContent = " the answer";
          td.appendChild(a);
        }
        table.appendChild(tr);
      });
      out.appendChild(table);
    });
  }
  pick.addEventListener("change", render);
  writer.addEventListener("change", render);
  if (pick.value) render();  // a release the browser kept selected (back, reload)
})();
