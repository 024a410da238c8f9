/**
 * Cleaning the pictures residents send (src/media/photo.ts), the web form's and the worker's:
 * a 16000×16000 PNG of a few tens of KB, refused under the 50-megapixel cap, against the same
 * file decoded without it (what the worker did before), and a 3000×2000 camera photo cleaned
 * to 2560 px as the baseline of the same run. Times are CPU time of this process (sharp's
 * threads included), memory the highest resident set seen while each ran.
 *
 *   npm run bench -- photo-clean
 */
import sharp from "sharp";
import { cleanPhoto } from "../src/media/photo.js";
import { bombPng, cameraPhoto } from "../test/fakes/images.js";

/** CPU milliseconds and peak RSS growth (MB) of `f`, best of `runs`. */
async function measure(runs: number, f: () => Promise<unknown>): Promise<{ cpuMs: number; peakMb: number }> {
  let cpuMs = Infinity;
  let peakMb = 0;
  for (let i = 0; i < runs; i++) {
    const rss0 = process.memoryUsage.rss();
    let peak = rss0;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10);
    const cpu0 = process.cpuUsage();
    await f();
    const cpu = process.cpuUsage(cpu0);
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage.rss());
    cpuMs = Math.min(cpuMs, (cpu.user + cpu.system) / 1000);
    peakMb = Math.max(peakMb, (peak - rss0) / 1024 / 1024);
  }
  return { cpuMs: Math.round(cpuMs * 10) / 10, peakMb: Math.round(peakMb) };
}

export async function benchPhotoClean(): Promise<Record<string, unknown>> {
  sharp.cache(false); // every run decodes afresh
  const photo = await cameraPhoto(3000, 2000);
  const bomb = bombPng(16_000);
  await cleanPhoto(photo); // warm-up
  const baseline = await measure(3, () => cleanPhoto(photo));
  const refused = await measure(3, async () => {
    if ((await cleanPhoto(bomb)) !== null) throw new Error("the 256-megapixel PNG was not refused");
  });
  // The worker's cleaning before the cap: sharp's own default limit lets 256 megapixels through.
  const uncapped = await measure(1, () => sharp(bomb, { failOn: "error" }).rotate().jpeg({ quality: 88 }).toBuffer());
  const ratio = (x: number) => Math.round((x / baseline.cpuMs) * 1000) / 1000;
  return {
    bombBytes: bomb.length,
    baselineCpuMs: baseline.cpuMs,
    baselinePeakMb: baseline.peakMb,
    refusedCpuMs: refused.cpuMs,
    refusedPeakMb: refused.peakMb,
    refusedVsBaseline: ratio(refused.cpuMs),
    uncappedCpuMs: uncapped.cpuMs,
    uncappedPeakMb: uncapped.peakMb,
    uncappedVsBaseline: ratio(uncapped.cpuMs),
  };
}
