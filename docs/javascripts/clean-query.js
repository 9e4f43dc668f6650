/* Pasted error messages are not search syntax. Material's search (lunr) reads a word
   ending in ":" ("ValueError:", "layer:") as a field name and drops it, makes quoted
   words required (and a quoted phrase with a stop word match nothing), "x:y" as field x
   (an unknown field is Material's "Invalid query": "tf-layers.esm.js:4959"), and treats
   + - ~ ^ * as operators. Before Material reads the box (on keyup), turn that
   punctuation into spaces, so every word of the message is searched for.

   Then drop English stop words ("a", "the", "is", "of", ...). The index never holds
   them, but Material searches every query word as a prefix ("a*"), so a pasted "a"
   matched every title word starting with "a" ("activations") and outranked the page
   that holds the message itself. A query of stop words only is left as it is, and a word
   is dropped only when a space follows it, so typing "activation" is not cut at "a".

   A long paste (a whole traceback, a console dump) is searched by its message: from its
   last exception's name ("ValueError ...") on, each word once, at most MAX_WORDS words. lunr's time grows
   with every word (a 10 KB traceback took seconds); the message is what a page holds. */
(function () {
  var MAX_WORDS = 24;
  var STOP = {};
  ("a able about across after all almost also am among an and any are as at be because " +
   "been but by can cannot could dear did do does either else ever every for from get " +
   "got had has have he her hers him his how however i if in into is it its just least " +
   "let like likely may me might most must my neither no nor not of off often on only " +
   "or other our own rather said say says she should since so some than that the their " +
   "them then there these they this tis to too twas us wants was we were what when " +
   "where which while who whom why will with would yet you your")
    .split(" ").forEach(function (w) { STOP[w] = true; });
  window.kbStopWords = STOP;  // matcher.js (loaded after this file) reads the same list

  function clean(value) {
    var cleaned = value
      .replace(/["~^*]/g, " ")
      .replace(/:/g, " ")          // every ":": lunr reads "bundle.js:4959" as a field, an unknown one fails
      .replace(/(^|\s)[+-]+(?=\S)/g, "$1");
    // a word is dropped only once a space follows it: "a" may be the start of "activation"
    var parts = cleaned.split(/(\s+)/);
    var kept = parts.filter(function (w, i) {
      return !(STOP[w.toLowerCase()] && i + 1 < parts.length);
    });
    if (kept.join("").trim()) cleaned = kept.join("");
    var words = cleaned.split(/\s+/).filter(Boolean);
    if (words.length > MAX_WORDS / 2) {  // a message, not a phrase being typed: each word once
      var seen = {};
      words = words.filter(function (w) {
        var k = w.toLowerCase();
        if (seen[k] || /^[\d.,;=<>()'{}\[\]]*$/.test(w) || /[\/\\]/.test(w)) return false;  // numbers, paths
        seen[k] = true;
        return true;
      });
      cleaned = words.join(" ");
    }
    if (words.length > MAX_WORDS) {
      var last = -1;
      words.forEach(function (w, i) { if (/^[A-Z][\w.]*(?:Error|Exception)$/.test(w)) last = i; });
      if (last < 0 || words.length - last < 4) last = 0;
      cleaned = words.slice(last, last + MAX_WORDS).join(" ");
    }
    return cleaned;
  }
  document.addEventListener("input", function (event) {
    var box = event.target;
    if (!box.classList || !box.classList.contains("md-search__input")) return;
    var cleaned = clean(box.value);
    box.kbRaw = box.value;      // the text as pasted, for the message matcher (matcher.js)
    box.kbCleaned = cleaned;
    if (cleaned !== box.value) {
      var end = box.selectionEnd === box.value.length;
      box.value = cleaned;
      if (end) box.setSelectionRange(cleaned.length, cleaned.length);
    }
  }, true);
})();
