// The network page (templates/network.md.j2): its country filter, and the drawing lighting up a
// leader's meetings when the reader points at their point or at their row of the list (or
// reaches it with the keyboard). The drawing and the list are there without this script; the
// filter is shown only when the script runs. The chosen country is kept in the address
// (?country=…), so that a filtered page can be bookmarked, and carried to the other years.

const figure = document.querySelector("figure.network--archive");
const form = document.querySelector("form.network-filter");

if (figure && form) {
  const select = form.querySelector("select[name=country]");
  const status = form.querySelector(".network-filter__status");
  const points = new Map(
    [...figure.querySelectorAll(".network__point")].map((point) => [point.dataset.leader, point]),
  );
  const lines = [...figure.querySelectorAll(".network__line")];
  const neighbours = new Map([...points.keys()].map((id) => [id, new Set()]));
  for (const line of lines) {
    neighbours.get(line.dataset.a)?.add(line.dataset.b);
    neighbours.get(line.dataset.b)?.add(line.dataset.a);
  }
  const rows = new Map(
    [...document.querySelectorAll("article li > span[data-leader]:first-child")].map(
      (mark) => [mark.dataset.leader, mark.parentElement],
    ),
  );
  const years = [...document.querySelectorAll("article p a[href]")].filter(
    (link) => /\/network\/(\d+\/)?$/.test(new URL(link.href).pathname),
  );
  let chosen = null; // the leaders of the chosen country, or null for every country

  // Light up the leaders of `centre` (a Set of ids), the leaders they met and those meetings,
  // and dim everything else; null lights everything.
  const light = (centre) => {
    figure.classList.toggle("network--lit", centre !== null);
    const near = reach(centre);
    for (const [id, point] of points) {
      point.classList.toggle("is-lit", near.has(id));
      point.classList.toggle("is-centre", centre !== null && centre.has(id));
    }
    for (const line of lines) {
      const lit = centre !== null && (centre.has(line.dataset.a) || centre.has(line.dataset.b));
      line.classList.toggle("is-lit", lit);
    }
  };

  const reach = (centre) => {
    const near = new Set(centre ?? []);
    for (const id of centre ?? []) {
      for (const other of neighbours.get(id) ?? []) near.add(other);
    }
    return near;
  };

  const choose = (country) => {
    const of = [...points].filter(([, point]) => point.dataset.country === country);
    chosen = country ? new Set(of.map(([id]) => id)) : null;
    light(chosen);
    const near = reach(chosen);
    for (const [id, row] of rows) row.hidden = chosen !== null && !near.has(id);
    status.textContent = chosen === null
      ? ""
      : `${near.size} of ${points.size} leaders: those of ${country} and the leaders they met.`;
    for (const link of [window.location, ...years]) {
      const address = new URL(link.href);
      if (country) address.searchParams.set("country", country);
      else address.searchParams.delete("country");
      if (link === window.location) window.history.replaceState(null, "", address);
      else link.href = address.href;
    }
  };

  const follow = (element, id) => {
    const centre = new Set([id]);
    element.addEventListener("mouseenter", () => light(centre));
    element.addEventListener("mouseleave", () => light(chosen));
    element.addEventListener("focusin", () => light(centre));
    element.addEventListener("focusout", () => light(chosen));
  };
  for (const [id, point] of points) follow(point, id);
  for (const [id, row] of rows) follow(row, id);

  select.addEventListener("change", () => choose(select.value));
  form.addEventListener("submit", (event) => event.preventDefault());
  const asked = new URLSearchParams(window.location.search).get("country");
  if (asked && [...select.options].some((option) => option.value === asked)) {
    select.value = asked;
    choose(asked);
  }
  form.hidden = false;
}
