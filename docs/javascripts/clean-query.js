/* Pasted error messages are not search syntax. Material's search (lunr) reads a word
   ending in ":" ("ValueError:", "layer:") as a field name and drops it, makes quoted
   words required (and a quoted phrase with a stop word match nothing), and treats
   + - ~ ^ * as operators. Before Material reads the box (on keyup), turn that
   punctuation into spaces, so every word of the message is searched for. */
(function () {
  function clean(value) {
    return value
      .replace(/["~^*]/g, " ")
      .replace(/:(?=\s|$)/g, " ")
      .replace(/(^|\s)[+-]+(?=\S)/g, "$1");
  }
  document.addEventListener("input", function (event) {
    var box = event.target;
    if (!box.classList || !box.classList.contains("md-search__input")) return;
    var cleaned = clean(box.value);
    if (cleaned !== box.value) {
      var end = box.selectionEnd === box.value.length;
      box.value = cleaned;
      if (end) box.setSelectionRange(cleaned.length, cleaned.length);
    }
  }, true);
})();
