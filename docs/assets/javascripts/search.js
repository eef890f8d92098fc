// The site's search: fetches the page language's search-index.json (built from the
// data) the first time a reader searches, then matches every word of the query
// as a substring, so Chinese needs no segmentation; an English plural also finds
// its singular. A page's synonyms (data/synonyms.csv, added by
// scripts/search_index.py) find it too: `a` holds those of its title, ranked as
// the title, `k` the rest. Results are built with textContent: no HTML from the
// index is ever interpreted. The search page sits at <language root>/search/,
// and says its own words in data attributes.
const root = new URL("../", location.href);
const input = document.getElementById("site-search-query");
const status = document.getElementById("site-search-status");
const results = document.getElementById("site-search-results");
let index;

async function documents() {
  index ??= fetch(new URL("search-index.json", root)).then((response) => response.json()).then((data) => data.docs);
  return index;
}

// The singular of an English plural, which is not part of the plural ("laboratories": "laboratory") or which the
// page may use alone ("enterprises": "enterprise"); any other term as it is.
function singular(term) {
  if (!/^[a-z&-]{4,}$/.test(term)) return term;
  if (term.endsWith("ies")) return term.slice(0, -3) + "y";
  if (/(sses|xes|ches|shes|zes|uses)$/.test(term)) return term.slice(0, -2);
  if (/(ss|us|is)$/.test(term)) return term;
  return term.endsWith("s") ? term.slice(0, -1) : term;
}

function holds(text, term) {
  return text.includes(term) || text.includes(singular(term));
}

function snippet(text, terms) {
  const lowered = text.toLowerCase();
  const term = terms.find((term) => holds(lowered, term)) ?? "";
  const at = lowered.includes(term) ? lowered.indexOf(term) : lowered.indexOf(singular(term));
  const start = Math.max(0, at - 30);
  return (start > 0 ? "…" : "") + text.slice(start, start + 90) + (start + 90 < text.length ? "…" : "");
}

async function search(query) {
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  results.replaceChildren();
  if (!terms.length) {
    status.textContent = "";
    return;
  }
  const docs = await documents();
  const found = docs
    .map((doc) => {
      const title = `${doc.t} ${doc.a ?? ""}`.toLowerCase();
      const text = `${doc.x} ${doc.k ?? ""}`.toLowerCase();
      if (!terms.every((term) => holds(title, term) || holds(text, term))) return null;
      return { doc, score: terms.filter((term) => holds(title, term)).length };
    })
    .filter(Boolean)
    .sort((a, b) => b.score - a.score);
  // data-found-one, where the page gives it, is the form for a single result ("1 result", not "1 results")
  status.textContent = found.length ? ((found.length === 1 && status.dataset.foundOne) || status.dataset.found).replace("{count}", found.length) : status.dataset.none;
  for (const { doc } of found.slice(0, 50)) {
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = new URL(doc.u, root).href;
    link.textContent = doc.t;
    const text = document.createElement("p");
    text.textContent = snippet(doc.x, terms);
    item.append(link, text);
    results.append(item);
  }
}

let timer;
input.addEventListener("input", () => {
  clearTimeout(timer);
  timer = setTimeout(() => search(input.value), 150);
});
const initial = new URLSearchParams(location.search).get("q");
if (initial) {
  input.value = initial;
  search(initial);
}
// Enter searches in place (no inline handler: the page's Content-Security-Policy allows none); without
// JavaScript the form still submits to ?q=, which this script reads on load.
input.form.addEventListener("submit", (event) => {
  event.preventDefault();
  search(input.value);
});
