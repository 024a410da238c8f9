import type { FastifyRequest } from "fastify";
import sharp from "sharp";

/** What the public form may upload. */
export const UPLOAD = {
  photos: 3,
  photoBytes: 8 * 1024 * 1024,
  fields: 30,
  fieldBytes: 32 * 1024,
  /** Decoding bigger pictures would take too much memory (a "decompression bomb"). */
  maxPixels: 50_000_000,
  /** Officers need to see a scene, not print it: longer sides are scaled down. */
  maxSide: 2560,
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

const PICTURE_FORMATS = new Set(["jpeg", "png", "webp", "gif", "tiff", "heif", "avif"]);

/**
 * A clean JPEG copy of an uploaded picture, or null when the bytes are not a picture sharp can
 * read (whatever their name or declared type). Re-encoding drops EXIF, GPS, XMP and ICC data;
 * the orientation is applied to the pixels first so the picture still stands upright.
 */
export async function cleanPhoto(bytes: Buffer): Promise<Buffer | null> {
  const opts = { failOn: "error", limitInputPixels: UPLOAD.maxPixels } as const;
  try {
    const meta = await sharp(bytes, opts).metadata();
    if (!meta.format || !PICTURE_FORMATS.has(meta.format)) return null;
    return await sharp(bytes, opts)
      .rotate()
      .resize({ width: UPLOAD.maxSide, height: UPLOAD.maxSide, fit: "inside", withoutEnlargement: true })
      .jpeg({ quality: 85 })
      .toBuffer();
  } catch {
    return null;
  }
}
