// Test preload: keep library logs quiet unless a test asks for them.
process.env.CONSOLA_LEVEL ??= "1";
