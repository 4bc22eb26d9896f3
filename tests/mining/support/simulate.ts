// The gate simulation lives in src/mining/gate-simulation.ts (hlbot research question 8 runs it too).
export * from "../../../src/mining/gate-simulation.ts";
