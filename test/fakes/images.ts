/**
 * Pictures residents might send, made on the spot for tests and benchmarks: a camera photo with
 * EXIF, and a "decompression bomb" (a tiny file with a huge pixel count).
 */
import { crc32, deflateSync } from "node:zlib";
import sharp from "sharp";

const chunk = (type: string, data: Buffer): Buffer => {
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
};

/**
 * A valid black PNG of side × side pixels (1-bit grayscale) weighing a few tens of KB; decoding
 * it takes gigabytes. Written byte by byte, so making it decodes nothing either.
 */
export function bombPng(side: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0);
  ihdr.writeUInt32BE(side, 4);
  ihdr.set([1, 0, 0, 0, 0], 8); // bit depth 1, grayscale, deflate, adaptive filters, no interlace
  const rows = Buffer.alloc((1 + Math.ceil(side / 8)) * side); // each row: filter byte 0, black pixels
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk("IHDR", ihdr), chunk("IDAT", deflateSync(rows)), chunk("IEND", Buffer.alloc(0))]);
}

/** A JPEG as a phone camera makes it, with device data and a GPS position in its EXIF. */
export function cameraPhoto(width = 3000, height = 2000): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: "#5a7d3c" } })
    .jpeg()
    .withExif({ IFD0: { Make: "CheapPhone", Model: "X1" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "21/1 2/1 3/1" } })
    .toBuffer();
}
