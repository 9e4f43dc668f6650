// The "your version" picker: reads the results embedded in the page (#kb-versions, generated
// from results/ at build time) and shows what the picked release does with each case.
// Nothing is fetched; with JavaScript off the same data is in the tables below the picker.
(function () {
  var blob = document.getElementById("kb-versions");
  var pick = document.getElementById("kb-pick");
  var writer = document.getElementById("kb-writer");
  var out = document.getElementById("kb-picked");
  if (!blob || !pick || !out) return;
  var data = JSON.parse(blob.textContent);
  var families = {};
  data.runtimes.forEach(function (rt) {
    (families[rt.family] = families[rt.family] || []).push(rt);
  });
  Object.keys(families).forEach(function (fam) {
    var group = document.createElement("optgroup");
    group.label = fam;
    families[fam].slice().reverse().forEach(function (rt) {
      var opt = document.createElement("option");
      opt.value = rt.name;
      opt.textContent = rt.label;
      group.appendChild(opt);
    });
    pick.appendChild(group);
  });
  var writers = {};
  data.scans.forEach(function (scan) {
    Object.keys(scan.cases).forEach(function (c) {
      var w = c.split(" ")[0];
      if (data.runtimes.some(function (rt) { return rt.name === w; })) writers[w] = true;
    });
  });
  Object.keys(writers).forEach(function (w) {
    var opt = document.createElement("option");
    opt.value = w;
    opt.textContent = "written by " + w;
    writer.appendChild(opt);
  });
  function cell(row, text, tag) {
    var td = document.createElement(tag || "td");
    td.textContent = text;
    row.appendChild(td);
    return td;
  }
  function render() {
    var rt = pick.value, w = writer.value;
    out.textContent = "";
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
  render();
})();
