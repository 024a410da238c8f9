import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { projectRoot } from "../project-root.js";

const FILES = { "app.css": "text/css; charset=utf-8", "app.js": "text/javascript; charset=utf-8" } as const;

/** The two static files of the web pages, read once at start and served with a day's cache. */
export function registerAssets(app: FastifyInstance): void {
  const dir = join(projectRoot(), "src", "web", "static");
  for (const [name, type] of Object.entries(FILES)) {
    const body = readFileSync(join(dir, name));
    app.get(`/assets/${name}`, (_req, reply) => reply.type(type).header("cache-control", "public, max-age=86400").send(body));
  }
}
