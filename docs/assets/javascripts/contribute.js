// The contribute form: each answer checked by the rules the build took from datapackage.json and scripts/core/untrusted.py
// (form.dataset.rules), then two ways to send it: the prefilled "new data" issue on GitHub (in a new tab), or an email
// carrying the same text as the issue's body, for a maintainer to paste into an issue. Nothing is sent before a click.
const form = document.getElementById("contribute-form");
const config = JSON.parse(form.dataset.rules);
const say = JSON.parse(form.dataset.messages);
const HALF_WIDTH = new RegExp(config.halfWidth, "u");
// As scripts/core/untrusted.py: control and invisible formatting characters, separators, private use, lone surrogates,
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
// As scripts/contrib/issue_form.py: what the issue's body would read as markup a reader does not see, or as another question.
const HIDDEN = new RegExp(config.hidden, "u");
const MARKUP = new RegExp(config.markup, "mu");
const UNANSWERED = new RegExp(`^(?:${config.unanswered})$`, "iu");
// A number as scripts/contrib/add.py reads one (Python's float(), thousands commas dropped): "1,000", "+5", "1e3", "６２".
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

// As scripts/core/dates.py (tests/test_dates.py holds the two to the same cases): 2026年3月15日, 2026-3-15 or 2026-03-15 ->
// "2026-03-15"; where precision is "any", also a month or a year (2026年3月 -> "2026-03"); null for anything else.
const DATE_ISO = /^([0-9]{4})(?:-([0-9]{1,2})(?:-([0-9]{1,2}))?)?$/;
const DATE_CHINESE = /^([0-9]{4}) *年(?: *([0-9]{1,2}) *月(?: *([0-9]{1,2}) *[日号])?)?$/;
export function isoDate(text, precision = "day") {
  const written = text.trim().replace(/[\uFF10-\uFF19]/g, (digit) => String(digit.charCodeAt(0) - 0xFF10));
  const match = DATE_ISO.exec(written) || DATE_CHINESE.exec(written);
  if (!match) return null;
  const [, year, month, day] = match;
  if (day === undefined && precision === "day") return null;
  const [y, m, d] = [Number(year), Number(month ?? 1), Number(day ?? 1)];
  const date = new Date(Date.UTC(y, m - 1, d));
  date.setUTCFullYear(y);  // Date.UTC reads years 0-99 as 1900-1999
  if (m < 1 || m > 12 || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  const pad = (number) => String(number).padStart(2, "0");
  return [year, month !== undefined ? pad(m) : null, day !== undefined ? pad(d) : null].filter(Boolean).join("-");
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
  if (rules.date) return isoDate(value, rules.date) === null ? say.date : "";
  if (rules.maxLength !== undefined && [...value].length > rules.maxLength) return fill(say.too_long, { max: rules.maxLength });
  if (rules.url && !isLink(value)) return say.url;
  if (rules.pattern && !new RegExp(rules.pattern, "u").test(value)) return say.pattern;
  if (config.formulaStart.includes(value[0]) || FORMULA_INSIDE.test(value)) return say.formula;
  if (HIDDEN.test(value) || MARKUP.test(value) || UNANSWERED.test(value)) return say.markup;
  if (rules.chinese && HALF_WIDTH.test(value)) return say.half_width;
  return "";
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
  return found;
}

function answers() {
  return Object.fromEntries([...new FormData(form)].map(([key, value]) => [key, String(value).replace(/\r\n/g, "\n").trim()]));
}

// The answers as they are sent: the other kind's (hidden) fields left out, dates in the ISO form the data stores.
function sent(values) {
  const kind = values.kind === config.figureKind ? "figure" : "progress";
  const out = {};
  for (const [field, value] of Object.entries(values)) {
    const block = form.querySelector(`.contribute-field[data-field="${field}"]`);
    if (!value || (block && block.hidden)) continue;  // the issue refuses the other kind's answers
    const precision = config.fields[field] && config.fields[field][kind] && config.fields[field][kind].date;
    out[field] = precision ? isoDate(value, precision) : value;
  }
  return out;
}

// The issue's body as GitHub writes it from the form ("### question", a blank line, the answer), between the two lines
// that scripts/contrib/issue_form.py looks for in an email; unanswered questions left out (the parser reads them as empty).
export function emailText(values) {
  const answered = { ...values, [config.languageField]: config.language };
  const blocks = config.labels.filter(([field]) => answered[field]).map(([field, label]) => `### ${label}\n\n${answered[field]}`);
  return [config.emailBegin, ...blocks, config.emailEnd].join("\n\n");
}

const MAILTO_LIMIT = 2000;  // characters of a mailto: address that mail programs and browsers reliably pass on

function mailto(subject, body) {
  const head = `mailto:${form.dataset.email}?subject=${encodeURIComponent(subject)}`;
  const full = body === undefined ? head : `${head}&body=${encodeURIComponent(body.replace(/\n/g, "\r\n"))}`;
  return full.length <= MAILTO_LIMIT ? full : null;
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
  for (const [field, value] of Object.entries(values)) address.searchParams.set(field, value);
  return address.href;
}

// The two ways to send checked answers: GitHub (a new tab) and email (a link carrying the text where it fits in one,
// and the text itself with a copy button either way).
function offerRoutes(values) {
  const routes = document.getElementById("contribute-routes");
  routes.querySelector(".contribute-github").href = issueAddress(values);
  const email = routes.querySelector(".contribute-email");
  const text = emailText(values);
  routes.querySelector(".contribute-email-text").value = text;  // to copy, with or without an address to send it to
  if (email) {  // the site names an address
    const whole = mailto(say.email_subject, text);
    email.href = whole || mailto(say.email_subject);
    routes.querySelector(".contribute-email-long").hidden = whole !== null;
  }
  routes.hidden = false;
  routes.scrollIntoView({ block: "nearest" });
}

function showUnit() {
  const unit = document.getElementById("u-value");
  if (unit) unit.textContent = config.units[form.elements.indicator.value] || "";
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
form.elements.indicator.addEventListener("change", showUnit);
showUnit();
form.addEventListener("input", () => { document.getElementById("contribute-routes").hidden = true; });  // changed: check again
document.querySelector(".contribute-copy")?.addEventListener("click", async (event) => {
  const text = document.querySelector(".contribute-email-text");
  try {
    await navigator.clipboard.writeText(text.value);
  } catch {
    text.select();  // no clipboard access: the text is selected, for the reader to copy
  }
  event.target.textContent = say.copied;
});
form.addEventListener("submit", (event) => {
  event.preventDefault();
  const values = answers();
  const found = check(values);
  show(found);
  if (Object.keys(found).length) {
    form.querySelector(`[name="${Object.keys(found)[0]}"]`).focus();
    return;
  }
  offerRoutes(sent(values));
});
// For the tests: the same functions the button runs.
window.contributeCheck = check;
window.contributeDate = isoDate;
