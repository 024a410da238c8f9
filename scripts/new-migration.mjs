// Writes prisma/migrations/<timestamp>_<name>/migration.sql with the SQL that takes the
// schema of the previous migrations to prisma/schema.prisma (offline: schema-to-schema diff).
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync, existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

const name = (process.argv[2] ?? "").replace(/[^a-z0-9_]/gi, "_");
if (!name) {
  process.stderr.write("usage: npm run migration:new <name>\n");
  process.exit(2);
}
const dir = "prisma/migrations";
const env = {
  ...process.env,
  DATABASE_URL: process.env.DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/postgres",
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
};
const prisma = (args) =>
  execFileSync("node", ["node_modules/prisma/build/index.js", ...args], { env, encoding: "utf8" });

// The previous schema is kept beside the migrations so diffs need no database.
const snapshot = join(dir, "schema.snapshot.prisma");
const from = existsSync(snapshot) ? ["--from-schema-datamodel", snapshot] : ["--from-empty"];
const sql = prisma(["migrate", "diff", ...from, "--to-schema-datamodel", "prisma/schema.prisma", "--script"]);
if (!/CREATE|ALTER|DROP/.test(sql)) {
  process.stdout.write("schema unchanged: no migration written\n");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const target = join(dir, `${stamp}_${name}`);
mkdirSync(target, { recursive: true });
writeFileSync(join(target, "migration.sql"), sql);
writeFileSync(snapshot, readFileSync("prisma/schema.prisma"));
process.stdout.write(`wrote ${target}/migration.sql\n`);

