// A table or chart wider than the screen scrolls inside its own box (Material wraps each table in
// .md-typeset__scrollwrap; a chart scrolls in its figure). A keyboard reaches such a box only if it
// can take focus, so every box that scrolls now takes focus (WCAG 2.1.1), a table's named after the
// heading above it, a chart's by its own caption; boxes that fit are left out of the tab order.
function nameOf(box) {
  for (let node = box.closest("details") || box; node; node = node.previousElementSibling) {
    const summary = node.matches("details") ? node.querySelector("summary") : null;
    if (summary) return summary.textContent.trim();
    if (/^H[1-6]$/.test(node.tagName)) return node.textContent.replace(/¶$/, "").trim();
  }
  return document.title;
}

// A sighted reader is told too, above the box: the only words this script writes, in the page's language.
const SCROLL_HINT = document.documentElement.lang.startsWith("zh") ? "左右滑动可看全部 →" : "Scroll sideways to see it all →";

function hint(box, scrolls) {
  const shown = box.previousElementSibling && box.previousElementSibling.matches(".scroll-hint");
  if (scrolls && !shown) {
    const line = document.createElement("p");
    line.className = "scroll-hint";
    line.setAttribute("aria-hidden", "true");  // a screen reader hears the box's own name (role=region)
    line.textContent = SCROLL_HINT;
    box.before(line);
  } else if (!scrolls && shown) {
    box.previousElementSibling.remove();
  }
}

function markScrollingTables() {
  for (const box of document.querySelectorAll(".md-typeset__scrollwrap, figure.chart")) {
    const table = !box.matches("figure");
    const scrolls = !box.querySelector(".md-typeset__scrollwrap") && box.scrollWidth > box.clientWidth + 1;
    hint(box, scrolls);
    if (scrolls && !box.hasAttribute("tabindex")) {
      box.tabIndex = 0;
      if (table) {
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", nameOf(box));
      }
    } else if (!scrolls && box.hasAttribute("tabindex")) {
      box.removeAttribute("tabindex");
      if (table) {
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    }
  }
}

let pending = 0;
function soon() {
  cancelAnimationFrame(pending);
  pending = requestAnimationFrame(markScrollingTables);
}

// Material wraps the tables when the document is ready; mark them after it, and again whenever
// the layout changes (a turned phone, an opened <details>).
if (window.document$) {
  window.document$.subscribe(soon);
} else {
  document.addEventListener("DOMContentLoaded", soon);
}
window.addEventListener("resize", soon);
document.addEventListener("toggle", soon, true);

// A link to something inside a closed box (a target's "ask for this figure") opens the box, so the reader lands on
// what the link promised rather than on a closed summary line.
function openTargetedBox() {
  const id = decodeURIComponent(location.hash.slice(1));
  const target = id && document.getElementById(id);
  for (let box = target && target.closest("details"); box; box = box.parentElement.closest("details")) box.open = true;
}
openTargetedBox();
window.addEventListener("hashchange", openTargetedBox);
