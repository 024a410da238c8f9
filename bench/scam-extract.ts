/**
 * Scam check extraction (extractIndicators: tidy, links, numbers, look-alikes) over every labelled
 * message of the corpus (the original one and issue 17's messy, look-alike and hard-negative
 * classes), and over one 4 KB forwarded message. Baseline in the same run: reading the same text
 * once — NFC normalisation and a scan for digit runs, which any extractor pays — so the ratio is
 * how many such readings extraction costs. The 4 KB ratio shows the cost grows with the text.
 *
 *   npm run bench -- scam-extract
 */
import { performance } from "node:perf_hooks";
import { extractIndicators } from "../src/core/scam/extract.js";
import { lookalikeClasses } from "../test/fixtures/scam-lookalikes.js";
import { scamMessages } from "../test/fixtures/scam-messages.js";
import { messyClasses } from "../test/fixtures/scam-messy.js";
import { negativeClasses } from "../test/fixtures/scam-negatives.js";

const ROUNDS = Number(process.env["BENCH_EXTRACT_ROUNDS"] ?? 200);

/** What the baseline does with a text: normalise it and find its digit runs. */
function readOnce(text: string): number {
  let n = 0;
  for (const _ of text.normalize("NFC").matchAll(/\p{N}+/gu)) n++;
  return n;
}

/** Microseconds per call of `f` over `texts`, best of three runs of `rounds` rounds (less noise from the shared machine). */
function perCall(texts: string[], rounds: number, f: (t: string) => unknown): number {
  let best = Infinity;
  for (let run = 0; run < 3; run++) {
    const t0 = performance.now();
    for (let r = 0; r < rounds; r++) for (const t of texts) f(t);
    best = Math.min(best, ((performance.now() - t0) * 1000) / (rounds * texts.length));
  }
  return best;
}

export async function benchScamExtract(): Promise<Record<string, unknown>> {
  const corpus = [scamMessages, ...Object.values(messyClasses), ...Object.values(lookalikeClasses), ...Object.values(negativeClasses)].flat().map((m) => m.text);
  const long = corpus.join("\n").slice(0, 4096);
  for (const t of corpus) extractIndicators(t); // warm-up: compile every pattern
  const base = perCall(corpus, ROUNDS, readOnce);
  const extract = perCall(corpus, ROUNDS, extractIndicators);
  const longBase = perCall([long], ROUNDS, readOnce);
  const longExtract = perCall([long], ROUNDS, extractIndicators);
  const avgChars = Math.round(corpus.reduce((n, t) => n + t.length, 0) / corpus.length);
  const round = (x: number, d = 100) => Math.round(x * d) / d;
  return {
    messages: corpus.length,
    avg_chars: avgChars,
    extract_us_per_message: round(extract, 10),
    messages_per_s: Math.round(1e6 / extract),
    ratio_vs_read_once: round(extract / base),
    long_chars: long.length,
    long_extract_us: round(longExtract, 10),
    long_ratio_vs_read_once: round(longExtract / longBase),
    // Per character, the long message against the corpus average: near 1 when the cost is linear.
    long_per_char_vs_corpus: round(longExtract / long.length / (extract / avgChars)),
  };
}
