import { UnrecoverableError, type Job } from "bullmq";
import type { z } from "zod";
import type { QueueName, Queues } from "./queues.js";

/** One job kind: where it runs, what its payload looks like, and what it does. */
export type JobDef<S extends z.ZodType, D> = {
  queue: QueueName;
  name: string;
  schema: S;
  handle(deps: D, data: z.infer<S>, job: Job): Promise<unknown>;
};

export function defineJob<S extends z.ZodType, D>(def: JobDef<S, D>): JobDef<S, D> {
  return def;
}

/** BullMQ forbids ':' in custom ids and all-digit ids; ours are `<kind>-<key>`. */
export function jobId(kind: string, ...parts: Array<string | number | bigint>): string {
  const id = [kind, ...parts.map(String)].join("-");
  if (id.includes(":")) throw new Error(`job id may not contain ':' (${id})`);
  return id;
}

/** Adds a job after checking its payload against the schema; resolves once Redis accepted it. */
export async function enqueue<S extends z.ZodType, D>(
  queues: Queues,
  def: JobDef<S, D>,
  data: z.infer<S>,
  id: string,
  opts: { delay?: number; priority?: number } = {},
): Promise<void> {
  const checked = def.schema.parse(data);
  await queues[def.queue].add(def.name, checked, { jobId: id, ...opts });
}

/** Validates a payload inside a worker; a payload that can never pass fails for good. */
export function parsePayload<S extends z.ZodType>(schema: S, data: unknown): z.infer<S> {
  const r = schema.safeParse(data);
  if (!r.success) throw new UnrecoverableError(`invalid job payload: ${r.error.issues.map((i) => i.path.join(".") + " " + i.message).join("; ")}`);
  return r.data;
}
