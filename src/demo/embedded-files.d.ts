/** `import path from "./x.csv.gz" with { type: "file" }`: Bun gives the file's path (embedded by `bun build --compile`). */
declare module "*.gz" {
  const path: string;
  export default path;
}
