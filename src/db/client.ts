import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client.js";

export type Db = PrismaClient;

export type DbOptions = {
  url: string;
  poolMax: number;
  /** PostgreSQL schema to use instead of the connection's default (tests isolate themselves this way). */
  schema?: string;
  connectionTimeoutMs?: number;
};

/** The one place a Prisma client is made: the client engine over node-postgres. */
export function createDb(opts: DbOptions): Db {
  const adapter = new PrismaPg(
    {
      connectionString: opts.url,
      max: opts.poolMax,
      connectionTimeoutMillis: opts.connectionTimeoutMs ?? 5_000,
      ...(opts.schema ? { options: `-c search_path=${opts.schema}` } : {}),
    },
    opts.schema ? { schema: opts.schema } : undefined,
  );
  return new PrismaClient({ adapter });
}
