/**
 * Building DOM nodes without HTML strings: ledger text (coin names, reasons, features) is only ever
 * set as textContent, so nothing stored can become markup or script.
 */
export type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number | boolean | null | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") el.className = String(v);
    else if (k.startsWith("data-"))
      el.dataset[k.slice(5).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())] = String(v);
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  append(el, children);
  return el;
}

export function append(el: Element, children: Child[]): void {
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c);
}

/** The element with `id`, or an error naming it (a page without it is a bug, not a user error). */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} missing from the page`);
  return el as T;
}

/** A labelled figure: label, value (with a tone class), and a small line under it. */
export function kpi(label: string, value: string, cls = "", sub = "", id?: string): HTMLElement {
  return h(
    "div",
    { class: "kpi", id },
    h("div", { class: "label" }, label),
    h("div", { class: `value ${cls}`.trim() }, value),
    h("div", { class: "sub" }, sub || "\u00a0"),
  );
}

/** A short tag (side, mode, verdict) styled by its own text. */
export function tag(text: string): HTMLElement {
  return h("span", { class: `tag ${text.replace(/[^a-z_]/gi, "")}` }, text);
}
