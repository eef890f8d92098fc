// Interactive charts are an enhancement: every chart is already on the page as
// an SVG. Vega (about 300 KB compressed, served from this site) is fetched only
// when a reader asks for the interactive version.
const bundle = new URL("vega.js", import.meta.url).href;
const PHONE = "(max-width: 37.5em)";  // as in extra.css: below this width the phone layout of each chart shows

async function makeInteractive(button) {
  button.disabled = true;
  button.textContent = button.dataset.loading;
  try {
    await import(bundle);
    // a phone gets the chart drawn for its width, the same one its static picture shows
    const phone = button.dataset.specPhone && window.matchMedia(PHONE).matches;
    const spec = await (await fetch(phone ? button.dataset.specPhone : button.dataset.spec)).json();
    const figure = document.getElementById(button.dataset.target);
    const holder = document.createElement("div");
    holder.className = "chart-live";
    figure.prepend(holder);
    // ast: Vega interprets expressions instead of compiling them with Function(), so no unsafe-eval is needed.
    await window.vegaEmbed(holder, spec, { actions: false, renderer: "svg", ast: true });
    for (const still of figure.querySelectorAll(":scope > .chart-variant")) {
      still.hidden = true;  // the live chart replaces the static ones
    }
    button.remove();
  } catch (error) {
    button.textContent = button.dataset.failed;
    console.error(error);
  }
}

for (const button of document.querySelectorAll("button.chart-interactive")) {
  button.addEventListener("click", () => makeInteractive(button), { once: true });
}

// Copy an embed code or a chart's link: the text is in the button's data-copy.
for (const button of document.querySelectorAll("button.copy-button")) {
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(button.dataset.copy);
      const label = button.textContent;
      button.textContent = button.dataset.copied;
      setTimeout(() => { button.textContent = label; }, 2000);
    } catch (error) {
      console.error(error);
    }
  });
}
