/**
 * v6: the reference price of each order — the tick's price an IOC entry or exit was based on, the
 * trigger of a stop — so the slippage of a fill learned later (after a restart, or a stop that fired
 * on the exchange) is measured against what the decision expected, from the exchange's own fill.
 */
export const sql = `
ALTER TABLE orders ADD COLUMN ref_px TEXT;
`;
