/** Request body parsing: JSON, x-www-form-urlencoded, multipart/form-data (reading, with its size cap, is in ../http.ts). */
import { parseHeaderParams, parseMultipart } from "../http.js";
import type { UploadedPart } from "./types.js";

/** Bodies above this answer HTTP 413. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

export interface ParsedBody {
  fields: Record<string, unknown>;
  files: Map<string, { part: UploadedPart; bytes: Buffer }>;
}

/** Parses a body by its content type; throws on malformed input. An empty body parses to `{}`. */
export function parseBody(contentType: string | undefined, raw: Buffer): ParsedBody {
  const out: ParsedBody = { fields: {}, files: new Map() };
  if (raw.length === 0) return out;
  const type = parseHeaderParams(contentType ?? "");
  if (type.value === "application/json" || (type.value === "" && raw[0] === 0x7b)) {
    const body = JSON.parse(raw.toString("utf8")) as unknown;
    if (typeof body !== "object" || body === null || Array.isArray(body)) throw new Error("JSON body must be an object");
    out.fields = body as Record<string, unknown>;
  } else if (type.value === "application/x-www-form-urlencoded") {
    for (const [k, v] of new URLSearchParams(raw.toString("utf8"))) out.fields[k] = v;
  } else if (type.value === "multipart/form-data") {
    const boundary = type.params["boundary"];
    if (!boundary) throw new Error("multipart body without boundary");
    for (const p of parseMultipart(raw, boundary)) {
      if (p.filename === undefined) {
        out.fields[p.name] = p.body.toString("utf8");
        continue;
      }
      const part: UploadedPart = { filename: p.filename, contentType: p.contentType ?? "application/octet-stream", size: p.body.length };
      out.fields[p.name] = part;
      out.files.set(p.name, { part, bytes: p.body });
    }
  } else {
    throw new Error(`unsupported content-type ${JSON.stringify(contentType)}`);
  }
  return out;
}
