/**
 * The pages' code and styles, bundled at build time (src/ui/bundle-macro.ts): what the dashboard
 * serves and the HTML report inlines. Plain strings in the binary.
 */
import { browserBundle, webText } from "./bundle-macro.ts" with { type: "macro" };

export const DASHBOARD_JS: string = browserBundle("dashboard/main.ts");
export const REPORT_JS: string = browserBundle("report/main.ts");
export const PAGE_CSS: string = webText("styles.css");
