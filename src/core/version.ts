/** Version and commit, injected by `bun build --define` in the binary, read from package.json otherwise. */
import pkg from "../../package.json" with { type: "json" };

declare const HLBOT_VERSION: string | undefined;
declare const HLBOT_COMMIT: string | undefined;

export const VERSION: string = typeof HLBOT_VERSION === "string" ? HLBOT_VERSION : pkg.version;
export const COMMIT: string = typeof HLBOT_COMMIT === "string" ? HLBOT_COMMIT : "dev";
