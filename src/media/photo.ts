import sharp from "sharp";

/** What every cleaned picture is held to, however it came in (web form, Telegram, Zalo). */
export const PHOTO_LIMITS = {
  /** Decoding bigger pictures would take too much memory (a "decompression bomb"): refused unread. */
  maxPixels: 50_000_000,
  /** Officers need to see a scene, not print it: longer sides are scaled down. */
  maxSide: 2560,
} as const;

const PICTURE_FORMATS = new Set(["jpeg", "png", "webp", "gif", "tiff", "heif", "avif"]);

/**
 * A clean JPEG copy of a picture a resident sent, at most PHOTO_LIMITS.maxSide on its longer
 * side; null when the bytes are not a picture sharp can read (whatever their name or declared
 * type) or have more pixels than PHOTO_LIMITS.maxPixels, which sharp refuses from the header,
 * before decoding anything. Re-encoding drops EXIF, GPS, XMP and ICC data; the orientation is
 * applied to the pixels first so the picture still stands upright.
 */
export async function cleanPhoto(bytes: Buffer): Promise<Buffer | null> {
  const opts = { failOn: "error", limitInputPixels: PHOTO_LIMITS.maxPixels } as const;
  try {
    const meta = await sharp(bytes, opts).metadata();
    if (!meta.format || !PICTURE_FORMATS.has(meta.format)) return null;
    return await sharp(bytes, opts)
      .rotate()
      .resize({ width: PHOTO_LIMITS.maxSide, height: PHOTO_LIMITS.maxSide, fit: "inside", withoutEnlargement: true })
      .jpeg({ quality: 85 })
      .toBuffer();
  } catch {
    return null;
  }
}
