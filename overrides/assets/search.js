// The Search page: asks the Pagefind index that `summit build` writes into pagefind/ beside
// this site's pages. The index comes in bundles, a year of readouts each (or a month, in a busy
// year), listed newest first in pagefind/bundles.json with the filter that selects each bundle's
// readouts; the first is loaded and the others merged into it (Pagefind's mergeIndex). Pagefind
// fetches only the parts of each bundle a query needs, so the first search costs a few hundred
// kilobytes however large the archive grows.
//
// The query, the filters and the sort live in the address (?q=…&leader=…&sort=…): the header's
// search box on every page is a plain form that lands here with ?q=, and a search can be
// bookmarked or shared. Everything the index returns is put on the page as text: result titles
// with textContent, excerpts rebuilt from their text and <mark> elements only.

const FACETS = ["leader", "topic", "country", "year", "format"];
// The date range: two month menus over the readouts' `month` filter (YYYY-MM); a range asks for
// any month between them.
const RANGE = ["from", "to"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
  "September", "October", "November", "December"];
// A search with filters but no words: Pagefind, asked for no word, would fetch every chunk of its
// word index (about 1 MB per 1,000 readouts). Every readout page holds the word "readout" (its
// search-terms block, templates/readout.md.j2), so asking for it finds every readout while
// fetching only the one chunk that holds that word; the filters then narrow the results.
const EVERY_READOUT = "readout";
const PAGE_SIZE = 20;
const TYPING_PAUSE_MS = 250;

const root = document.getElementById("summit-search");
if (root) start(root);

async function start(root) {
  const form = root.querySelector("form");
  const query = form.elements.q;
  const sort = form.elements.sort;
  const selects = Object.fromEntries(FACETS.map((name) => [name, form.elements[name]]));
  const range = Object.fromEntries(RANGE.map((name) => [name, form.elements[name]]));
  const clear = root.querySelector(".summit-search__clear");
  const status = root.querySelector(".summit-search__status");
  const list = root.querySelector(".summit-search__results");
  const more = root.querySelector(".summit-search__more");

  // The address first, before anything is awaited, so that what a reader types while the index
  // loads is theirs; a search they ask for meanwhile runs once it has loaded.
  readAddress();
  let ready = false;
  let asked = false;
  let timer;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    if (ready) search();
    else asked = true;
  });

  const siteRoot = new URL("../", import.meta.url);
  const indexRoot = new URL("../pagefind/", import.meta.url);
  const settings = { baseUrl: siteRoot.pathname, excerptLength: 30 };
  let pagefind;
  let bundles;
  try {
    const response = await fetch(new URL("bundles.json", indexRoot));
    if (!response.ok) throw new Error(`bundles.json: ${response.status}`);
    bundles = await response.json();
    if (!bundles.length) {
      status.textContent = "The archive has no readouts to search yet.";
      root.setAttribute("aria-busy", "false");
      return;
    }
    pagefind = await import(new URL(`${bundles[0].path}pagefind.js`, indexRoot).href);
    await pagefind.options(settings);
    await Promise.all(bundles.slice(1).map((bundle) =>
      pagefind.mergeIndex(new URL(bundle.path, indexRoot).pathname, settings)));
  } catch (error) {
    status.textContent = "The search index is missing: build the site with `summit build`, which writes it.";
    root.setAttribute("aria-busy", "false");
    return;
  }

  // Every filter value and how many readouts hold it. Pagefind fetches its filter files for any
  // search anyway (to count results per value), so asking first costs nothing more.
  const totals = await pagefind.filters();
  for (const name of FACETS) fillSelect(selects[name], totals[name] || {}, name);
  const months = Object.keys(totals.month || {}).sort();
  for (const name of RANGE) fillMonths(range[name], months);
  let run = 0;
  let ordered = listed([]); // the results, in the order asked for, fetched as they are shown
  let total = 0;
  let taken = 0;
  let marked = true; // highlight the matched words: not when the search had none of the reader's

  query.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(search, TYPING_PAUSE_MS);
  });
  for (const control of [sort, ...Object.values(selects), ...Object.values(range)]) {
    control.addEventListener("change", search);
  }
  clear.addEventListener("click", () => {
    for (const control of [...Object.values(selects), ...Object.values(range)]) control.value = "";
    search();
  });
  more.addEventListener("click", () => showMore());
  window.addEventListener("popstate", () => {
    readAddress();
    search({ remember: false });
  });
  ready = true;
  await search({ remember: asked });

  function readAddress() {
    const params = new URLSearchParams(window.location.search);
    query.value = params.get("q") || "";
    sort.value = ["newest", "oldest", "relevance"].includes(params.get("sort")) ? params.get("sort") : "relevance";
    for (const name of FACETS) {
      const value = params.get(name) || "";
      const select = selects[name];
      if (value && ![...select.options].some((option) => option.value === value)) {
        select.add(new Option(value, value)); // a value the index does not hold: keep it visible
      }
      select.value = value;
    }
    for (const name of RANGE) {
      const value = /^\d{4}-\d{2}$/.test(params.get(name) || "") ? params.get(name) : "";
      if (value && ![...range[name].options].some((option) => option.value === value)) {
        range[name].add(new Option(value, value)); // named before the months are known
      }
      range[name].value = value;
    }
    const header = document.querySelector(".summit-header-search__input");
    if (header) header.value = query.value;
  }

  function writeAddress() {
    const params = new URLSearchParams();
    if (query.value.trim()) params.set("q", query.value.trim());
    for (const name of FACETS) if (selects[name].value) params.set(name, selects[name].value);
    for (const name of RANGE) if (range[name].value) params.set(name, range[name].value);
    if (sort.value !== "relevance") params.set("sort", sort.value);
    const address = params.toString() ? `?${params}` : window.location.pathname;
    if (address !== window.location.search) history.pushState(null, "", address);
  }

  async function search({ remember = true } = {}) {
    const mine = ++run;
    root.setAttribute("aria-busy", "true");
    if (remember) writeAddress();
    const term = query.value.trim();
    if (!term && !hasFilters()) {
      list.replaceChildren();
      more.hidden = true;
      status.textContent = "Type a word, a name or a place, or pick a leader, topic, country, year, format or months.";
      updateCounts(totals);
      root.setAttribute("aria-busy", "false");
      return;
    }
    status.textContent = "Searching…";
    const options = searchOptions();
    const found = await pagefind.search(term || EVERY_READOUT, options);
    if (mine !== run || !found) return; // a newer search has started
    updateCounts(found.filters || {});
    total = found.results.length;
    taken = 0;
    ordered = options.sort ? byDate(term || EVERY_READOUT, options) : listed(found.results);
    marked = Boolean(term);
    list.replaceChildren();
    const count = total;
    status.textContent = count === 0 ? "No readouts match." : `${count} ${count === 1 ? "readout" : "readouts"}`;
    await showMore(mine);
    if (mine === run) root.setAttribute("aria-busy", "false");
  }

  function hasFilters() {
    return FACETS.some((name) => selects[name].value) || RANGE.some((name) => range[name].value);
  }

  function searchOptions() {
    const filters = {};
    for (const name of FACETS) if (selects[name].value) filters[name] = selects[name].value;
    if (range.from.value || range.to.value) {
      const from = range.from.value || months[0];
      const to = range.to.value || months[months.length - 1];
      filters.month = { any: months.filter((month) => month >= from && month <= to) };
      if (!filters.month.any.length) filters.month.any = ["none"];
    }
    const options = { filters };
    if (sort.value === "newest" || (sort.value === "relevance" && !query.value.trim())) options.sort = { date: "desc" };
    if (sort.value === "oldest") options.sort = { date: "asc" };
    return options;
  }

  // Merged bundles come back ordered by score, and a search sorted by date scores each result
  // by its place in its own bundle; so a date order is asked of one bundle at a time (its
  // filter added to the reader's), walking the bundles newest or oldest first.
  async function* byDate(term, options) {
    const order = options.sort.date === "asc" ? [...bundles].reverse() : bundles;
    for (const bundle of order) {
      const found = await pagefind.search(term, { ...options, filters: { all: [options.filters, bundle.filter] } });
      if (found) yield* found.results;
    }
  }

  async function showMore(mine = run) {
    const batch = [];
    while (batch.length < PAGE_SIZE) {
      const next = await ordered.next();
      if (mine !== run) return;
      if (next.done) break;
      batch.push(next.value);
    }
    taken += batch.length;
    const pages = await Promise.all(batch.map((result) => result.data()));
    if (mine !== run) return;
    for (const page of pages) {
      const item = resultItem(page);
      if (item) list.append(item);
    }
    more.hidden = taken >= total;
  }

  function resultItem(page) {
    if (typeof page.url !== "string" || !page.url.startsWith(siteRoot.pathname)) return null;
    const item = document.createElement("li");
    item.className = "summit-search__result";
    const link = document.createElement("a");
    link.className = "summit-search__title";
    link.href = page.url;
    link.textContent = page.meta.title || page.url;
    const day = document.createElement("span");
    day.className = "summit-search__day";
    day.textContent = [page.meta.day, page.meta.publisher].filter(Boolean).join(" · ");
    const who = document.createElement("span");
    who.className = "summit-search__who";
    who.textContent = page.meta.principals || "";
    const excerpt = document.createElement("p");
    excerpt.className = "summit-search__excerpt";
    excerpt.append(excerptText(page.excerpt || "", marked));
    item.append(link, day, who, excerpt);
    return item;
  }

  function fillSelect(select, counts, name) {
    const values = Object.keys(counts);
    if (name === "year") values.sort((a, b) => (b === "Undated") - (a === "Undated") || b.localeCompare(a));
    else values.sort((a, b) => a.localeCompare(b));
    const chosen = select.value;
    select.length = 1; // keep "Any …"
    for (const value of values) select.add(new Option(value, value));
    if (chosen && !values.includes(chosen)) select.add(new Option(chosen, chosen));
    select.value = chosen;
  }

  function fillMonths(select, values) {
    const chosen = select.value;
    select.length = 1; // keep "First month" / "Last month"
    for (const value of values) {
      const [year, month] = value.split("-");
      select.add(new Option(`${MONTHS[Number(month) - 1] || month} ${year}`, value));
    }
    if (chosen && !values.includes(chosen)) select.add(new Option(chosen, chosen));
    select.value = chosen;
  }

  // Each option shows how many readouts it would leave, given the query and the other filters;
  // one that would leave none is hidden, unless it is the one chosen.
  function updateCounts(counts) {
    for (const name of FACETS) {
      for (const option of selects[name].options) {
        if (!option.value) continue;
        const count = (counts[name] || {})[option.value] || 0;
        option.textContent = `${option.value} (${count})`;
        option.hidden = count === 0 && option.value !== selects[name].value;
      }
    }
    clear.hidden = !hasFilters();
  }
}

async function* listed(results) {
  yield* results;
}

// Pagefind's excerpt is HTML: the page's text with the matched words in <mark>. Parse it inertly
// and keep only text and <mark>, so no markup from a readout can reach the page.
function excerptText(html, marked) {
  const parsed = new DOMParser().parseFromString(html, "text/html").body;
  const out = document.createDocumentFragment();
  for (const node of parsed.childNodes) {
    if (marked && node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      out.append(mark);
    } else {
      out.append(document.createTextNode(node.textContent));
    }
  }
  return out;
}
