// The contribute form: each answer checked by the rules the build took from datapackage.json and scripts/untrusted.py
// (form.dataset.rules), then the prefilled "new data" issue opened on GitHub. Nothing is sent before the button.
const form = document.getElementById("contribute-form");
const config = JSON.parse(form.dataset.rules);
const say = JSON.parse(form.dataset.messages);
const HALF_WIDTH = new RegExp(config.halfWidth, "u");
// As scripts/untrusted.py: control and invisible formatting characters, separators, private use, lone surrogates,
// unassigned code points, noncharacters, the replacement character, anything beyond the Basic Multilingual Plane,
// the invisible fillers and variation selectors, and a stack of more combining marks on one letter than it allows.
// (Text not in composed form is composed by the add commands the issue runs, so it is not refused here.)
const FORBIDDEN = /[\p{Cc}\p{Cf}\p{Cn}\p{Zl}\p{Zp}\p{Co}\p{Cs}\uFDD0-\uFDEF\uFFFD\uFFFE\uFFFF]|[^\u0000-\uFFFF]/u;
const INVISIBLE = new RegExp(config.invisible, "u");  // and the CJK radicals and strokes, which look like characters
const ODD_SPACE = /(?![ \u3000])\p{Zs}/u;  // a hair or thin space reads as none
// A word mixing Latin, Cyrillic and Greek letters is a lookalike of another ("Nо" with a Cyrillic о).
function mixesScripts(value) {
  return (value.match(/[\p{L}\p{M}]+/gu) || []).some((word) =>
    [/\p{Script=Latin}/u, /\p{Script=Cyrillic}/u, /\p{Script=Greek}/u].filter((script) => script.test(word)).length > 1);
}
const STACKED = new RegExp(`[\\p{Mn}\\p{Me}]{${config.maxCombining + 1}}`, "u");
const FORMULA_INSIDE = new RegExp(config.formulaInside, "u");
// As scripts/issue_form.py: what the issue's body would read as markup a reader does not see, or as another question.
const HIDDEN = new RegExp(config.hidden, "u");
const MARKUP = new RegExp(config.markup, "mu");
const UNANSWERED = new RegExp(`^(?:${config.unanswered})$`, "iu");
// A number as scripts/add.py reads one (Python's float(), thousands commas dropped): "1,000", "+5", "1e3", "６２".
const PYTHON_FLOAT = /^\s*[+-]?(?=[0-9]|\.[0-9])[0-9]*(?:_[0-9]+)*(?:\.(?:[0-9]+(?:_[0-9]+)*)?)?(?:[eE][+-]?[0-9]+(?:_[0-9]+)*)?\s*$/;

function asNumber(value) {
  const ascii = value.replace(/,/g, "").replace(/[\uFF10-\uFF19]/g, (digit) => String(digit.charCodeAt(0) - 0xFF10));
  if (!PYTHON_FLOAT.test(ascii)) return null;
  const number = Number(ascii.replace(/_/g, ""));
  return Number.isFinite(number) ? number : null;
}

function fill(text, values) {
  return text.replace(/\{(\w+)\}/g, (_, key) => values[key]);
}

function isDate(value) {
  if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(value)) return false;
  const date = new Date(value + "T00:00:00Z");
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

function isLink(value) {
  if (!/^https?:\/\/[^/\s?#]/i.test(value)) return false;  // a host written out: "https:///path" has none
  try {
    const url = new URL(value);
    // no user before the host ("https://www.stats.gov.cn@evil.example/" goes to evil.example), and the host as written in
    // plain letters, digits, dots and hyphens (URL() would turn "gansu.gov.cn∕x.evil.example" into a host under evil.example)
    const host = value.replace(/^https?:\/\//i, "").split(/[/?#\\]/)[0];
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "" && !/\s/.test(value) &&
      url.username === "" && url.password === "" && new RegExp(`^${config.plainHost}$`).test(host);
  } catch {
    return false;
  }
}

// The problem with one answer under one field's rules, or "" when there is none.
export function problem(value, rules) {
  if (value === "") return rules.required ? say.required : "";
  const multiline = rules.multiline === true;
  for (const char of value) {
    if (char === "\n" && multiline) continue;
    if (FORBIDDEN.test(char) || INVISIBLE.test(char) || ODD_SPACE.test(char)) return say.character;
  }
  if (mixesScripts(value)) return say.character;
  if (STACKED.test(value.normalize("NFC"))) return say.character;  // counted as the add commands write it: composed
  if (rules.enum && !rules.enum.includes(value)) return say.choice;
  if (rules.type === "number" || rules.type === "integer") {
    const number = asNumber(value);
    if (number === null) return say.number;
    if (rules.type === "integer" && !Number.isInteger(number)) return say.integer;
    if ((rules.minimum !== undefined && number < rules.minimum) || (rules.maximum !== undefined && number > rules.maximum)) {
      return fill(say.range, { min: rules.minimum ?? "", max: rules.maximum ?? "" });
    }
    return "";
  }
  if (rules.type === "date") return isDate(value) ? "" : say.date;
  if (rules.maxLength !== undefined && [...value].length > rules.maxLength) return fill(say.too_long, { max: rules.maxLength });
  if (rules.url && !isLink(value)) return say.url;
  if (rules.pattern && !new RegExp(rules.pattern, "u").test(value)) return say.pattern;
  if (config.formulaStart.includes(value[0]) || FORMULA_INSIDE.test(value)) return say.formula;
  if (HIDDEN.test(value) || MARKUP.test(value) || UNANSWERED.test(value)) return say.markup;
  if (rules.chinese && HALF_WIDTH.test(value)) return say.half_width;
  return "";
}

// A Chinese text given needs its English twin (note -> note_en), as the add commands ask.
function twinProblems(answers, kind, found) {
  for (const [field, byKind] of Object.entries(config.fields)) {
    const twin = byKind[kind] && byKind[kind].twin;
    if (twin && answers[field] && !answers[twin] && !found[twin]) found[twin] = say.required;
  }
}

// {field: problem} for a whole set of answers, as the kind of contribution asks.
export function check(answers) {
  const kind = answers.kind === config.figureKind ? "figure" : "progress";
  const found = {};
  for (const [field, byKind] of Object.entries(config.fields)) {
    if (!byKind[kind]) continue;
    const why = problem(answers[field] ?? "", byKind[kind]);
    if (why) found[field] = why;
  }
  twinProblems(answers, kind, found);
  return found;
}

function answers() {
  return Object.fromEntries([...new FormData(form)].map(([key, value]) => [key, String(value).replace(/\r\n/g, "\n").trim()]));
}

function showKind() {
  const kind = form.elements.kind.value === config.figureKind ? "figure" : "progress";
  for (const block of form.querySelectorAll(".contribute-field")) {
    const kinds = block.dataset.kinds.split(" ").filter(Boolean);
    block.hidden = kinds.length > 0 && !kinds.includes(kind);
  }
}

function show(found) {
  for (const block of form.querySelectorAll(".contribute-field")) {
    const field = block.dataset.field;
    const control = block.querySelector("input, select, textarea");
    const error = block.querySelector(".contribute-error");
    error.textContent = found[field] || "";
    control.setAttribute("aria-invalid", found[field] ? "true" : "false");
  }
  form.querySelector(".contribute-summary").textContent = Object.keys(found).length ? say.summary : "";
}

function issueAddress(values) {
  const address = new URL(form.dataset.issue);
  address.searchParams.set("labels", "new data");
  for (const [field, value] of Object.entries(values)) {  // a hidden field (the other kind's) is not sent: the issue refuses it
    const block = form.querySelector(`.contribute-field[data-field="${field}"]`);
    if (value && !(block && block.hidden)) address.searchParams.set(field, value);
  }
  return address.href;
}

// A page's "submit data" link names what it is about: ?indicator=rd_expenditure, or ?kind=progress&task=15.
function prefill() {
  const asked = new URLSearchParams(window.location.search);
  const kinds = [...form.elements.kind.options].map((option) => option.value);
  if (asked.get("kind") === "progress") form.elements.kind.value = kinds.find((kind) => kind !== config.figureKind);
  for (const [field, value] of asked) {
    const control = form.elements[field];
    if (field !== "kind" && control && [...(control.options || [])].some((option) => option.value === value)) control.value = value;
  }
}

form.hidden = false;
prefill();
form.elements.kind.addEventListener("change", showKind);
showKind();
form.addEventListener("submit", (event) => {
  event.preventDefault();
  const values = answers();
  const found = check(values);
  show(found);
  if (Object.keys(found).length) {
    form.querySelector(`[name="${Object.keys(found)[0]}"]`).focus();
    return;
  }
  window.location.assign(issueAddress(values));
});
window.contributeCheck = check;  // for the tests: the same function the button runs
