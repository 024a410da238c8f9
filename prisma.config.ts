import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

// Prisma's native engines cannot be downloaded on these machines. With the JS engine
// and a driver adapter, `prisma generate` and schema-to-schema `prisma migrate diff`
// run offline; migrations are applied by the app itself (src/db/migrate.ts).
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  adapter: async () =>
    new PrismaPg({ connectionString: process.env.DATABASE_URL ?? "postgresql://127.0.0.1:5432/postgres" }),
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
