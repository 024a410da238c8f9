import type { FastifyRequest } from "fastify";
import { PHOTO_LIMITS } from "../media/photo.js";

/** What the public form may upload. */
export const UPLOAD = {
  photos: 3,
  photoBytes: 8 * 1024 * 1024,
  fields: 30,
  fieldBytes: 32 * 1024,
  /** Decoding and size limits, shared with the worker's cleaning of chat pictures. */
  maxPixels: PHOTO_LIMITS.maxPixels,
  maxSide: PHOTO_LIMITS.maxSide,
} as const;

/** The route's own body limit: the photos, plus room for the text fields and multipart framing. */
export const UPLOAD_BODY_BYTES = UPLOAD.photos * UPLOAD.photoBytes + 1024 * 1024;

export type UploadProblem = "photo-count" | "photo-size" | "form";
export type Upload = { fields: Map<string, string>; files: Buffer[]; problem: UploadProblem | null };

/**
 * Reads a multipart form into memory within the limits above. Text fields come before the file
 * input in the form, so a refused photo still leaves the text to show again.
 */
export async function readUpload(req: FastifyRequest): Promise<Upload> {
  const fields = new Map<string, string>();
  const files: Buffer[] = [];
  let problem: UploadProblem | null = null;
  const errors = req.server.multipartErrors;
  try {
    for await (const part of req.parts({ limits: { files: UPLOAD.photos, fileSize: UPLOAD.photoBytes, fields: UPLOAD.fields, fieldSize: UPLOAD.fieldBytes, parts: UPLOAD.fields + UPLOAD.photos + 2 } })) {
      if (part.type === "field") {
        if (part.valueTruncated) problem ??= "form";
        if (typeof part.value === "string" && !fields.has(part.fieldname)) fields.set(part.fieldname, part.value);
        continue;
      }
      const bytes = await part.toBuffer();
      if (part.fieldname !== "photos") continue;
      if (part.file.truncated) problem = "photo-size";
      else if (bytes.length > 0) files.push(bytes); // an empty part is the file input left empty
    }
  } catch (err) {
    if (err instanceof errors.FilesLimitError) problem = "photo-count";
    else if (err instanceof errors.RequestFileTooLargeError) problem = "photo-size";
    else if (err instanceof errors.FieldsLimitError || err instanceof errors.PartsLimitError || err instanceof errors.PrototypeViolationError) problem = "form";
    else throw err;
  }
  return { fields, files, problem };
}

/** One cleaning for every way a picture comes in (src/media/photo.ts). */
export { cleanPhoto } from "../media/photo.js";
