/**
 * A table whose columns sort on a click of their header (again: the other way), numbers as numbers,
 * missing values last. Rows carry `data-id` (their key), so tests and links can find them.
 */
import { h } from "./dom.ts";

export interface Column<T> {
  label: string;
  num?: boolean;
  /** What the column sorts by. */
  value: (row: T) => number | string | null;
  /** What the cell shows (default: the value). */
  text?: (row: T) => string;
  cls?: (row: T) => string;
  title?: string;
}

export function sortableTable<T>(
  id: string,
  columns: Column<T>[],
  rows: { key: string; row: T }[],
  empty: string,
  sortBy = -1,
  desc = true,
): HTMLTableElement {
  const tbody = h("tbody");
  const heads = columns.map((c, i) =>
    h(
      "th",
      { class: `${c.num ? "num " : ""}sortable`, title: c.title ?? `sort by ${c.label}`, "data-col": i },
      c.label,
    ),
  );
  const table = h("table", { id, class: "sortable" }, h("thead", {}, h("tr", {}, ...heads)), tbody);
  let state = { col: sortBy, desc };

  const render = () => {
    const list = [...rows];
    if (state.col >= 0) {
      const c = columns[state.col]!;
      list.sort((a, b) => compare(c.value(a.row), c.value(b.row), state.desc));
    }
    heads.forEach((th, i) => {
      th.setAttribute("aria-sort", i === state.col ? (state.desc ? "descending" : "ascending") : "none");
    });
    tbody.replaceChildren(
      ...(list.length === 0
        ? [h("tr", {}, h("td", { class: "empty", colspan: columns.length }, empty))]
        : list.map(({ key, row }) =>
            h(
              "tr",
              { "data-id": key },
              ...columns.map((c) => {
                const v = c.value(row);
                const text = c.text ? c.text(row) : v === null ? "—" : String(v);
                return h("td", { class: `${c.num ? "num " : ""}${c.cls?.(row) ?? ""}`.trim() }, text);
              }),
            ),
          )),
    );
  };
  heads.forEach((th, i) => {
    th.addEventListener("click", () => {
      state = { col: i, desc: state.col === i ? !state.desc : columns[i]!.num === true };
      render();
    });
  });
  render();
  return table;
}

function compare(a: number | string | null, b: number | string | null, desc: boolean): number {
  if (a === null || (typeof a === "number" && Number.isNaN(a))) return b === null ? 0 : 1;
  if (b === null || (typeof b === "number" && Number.isNaN(b))) return -1;
  const d = typeof a === "number" && typeof b === "number" ? a - b : String(a).localeCompare(String(b));
  return desc ? -d : d;
}
