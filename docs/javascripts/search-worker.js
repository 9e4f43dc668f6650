/* Material's own search worker (lunr, its ranking and its query syntax), fed by this
   worker: it fetches and parses the search index itself, so the page's main thread never
   holds the 0.5 MB JSON (parsing and posting it was a long task of every page's load).
   site.js starts it as search-worker.js?worker=<Material's worker>; the index is the site's
   search/search_index.json, beside this file's folder. The setup message it gives Material's
   worker is the one Material's bundle sent. */
(function () {
  var params = new URL(self.location.href).searchParams;
  importScripts(params.get("worker"));
  fetch(new URL("../search/search_index.json", self.location.href).href)
    .then(function (response) {
      if (!response.ok) throw new Error("search index: HTTP " + response.status);
      return response.json();
    })
    .then(function (index) {
      self.dispatchEvent(new MessageEvent("message", {data: {type: 0, data: {
        config: index.config, docs: index.docs, options: {suggest: false}}}}));
    })
    .catch(function (error) { self.postMessage({type: -1, error: String(error)}); });
})();
