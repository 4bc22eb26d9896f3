/**
 * Reading data the report embeds packed: JSON, gzipped, in base64, inside a
 * <script type="application/octet-stream">. A 10,000-trade run is megabytes of JSON, and the HTML
 * parser scans an inline script's text one character at a time; gzipped it is a few times
 * smaller, and the browser decodes and inflates it natively (a data: URL, DecompressionStream).
 * Row lists travel as columns ({ columns, rows }) — a key written once, not once per row.
 */
export interface Columnar {
  columns: string[];
  rows: unknown[][];
}

export async function readPacked<T>(id: string): Promise<T> {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} missing from the page`);
  const res = await fetch(`data:application/octet-stream;base64,${(el.textContent ?? "").trim()}`);
  if (!res.body) throw new Error(`#${id}: nothing to read`);
  return (await new Response(res.body.pipeThrough(new DecompressionStream("gzip"))).json()) as T;
}

/** The objects a columnar list holds. */
export function rowsOf<T>(c: Columnar): T[] {
  const { columns, rows } = c;
  return rows.map((r) => {
    const o: Record<string, unknown> = {};
    for (let i = 0; i < columns.length; i++) o[columns[i]!] = r[i];
    return o as T;
  });
}
