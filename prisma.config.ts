import { defineConfig } from "prisma/config";

// Prisma 7 reads no .env by itself; migrations are applied by scripts/db/migrate.ts (see README).
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
