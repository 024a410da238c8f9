/**
 * The brands whose sites scams imitate. `of` is the brand's main official domain (named to the
 * resident: "looks like vietcombank.com.vn"); `official` lists every domain (and so its
 * subdomains) that is never flagged; `labels` are the names a fake would borrow. Labels of 4
 * letters or fewer (vcb, bidv, ghn) match only whole, never by edit distance: "acd" is not ACB.
 * `phrases` are names that are also ordinary Vietnamese words run together ("giao hàng nhanh",
 * fast delivery): they match a whole label or a whole hyphenated word, never inside a longer word,
 * so a shop's "giaohangnhanh24h.vn" is not GHN. `typoLimit` caps the edit distance where a
 * well-known unrelated site is that close ("vnexpress" is two edits from "jtexpress").
 */
export type Brand = { of: string; official: string[]; labels: string[]; phrases?: string[]; typoLimit?: number };

const banks: Brand[] = [
  { of: "vietcombank.com.vn", official: ["vietcombank.com.vn"], labels: ["vietcombank", "vcb", "vcbdigibank"] },
  { of: "techcombank.com.vn", official: ["techcombank.com.vn", "techcombank.com"], labels: ["techcombank", "tcb"] },
  { of: "mbbank.com.vn", official: ["mbbank.com.vn"], labels: ["mbbank"] },
  { of: "bidv.com.vn", official: ["bidv.com.vn"], labels: ["bidv"] },
  { of: "vietinbank.vn", official: ["vietinbank.vn"], labels: ["vietinbank"] },
  { of: "agribank.com.vn", official: ["agribank.com.vn"], labels: ["agribank"] },
  { of: "acb.com.vn", official: ["acb.com.vn"], labels: ["acb"] },
  { of: "tpb.vn", official: ["tpb.vn"], labels: ["tpbank", "tpb"] },
  { of: "vpbank.com.vn", official: ["vpbank.com.vn"], labels: ["vpbank"] },
  { of: "sacombank.com.vn", official: ["sacombank.com.vn"], labels: ["sacombank"] },
  { of: "hdbank.com.vn", official: ["hdbank.com.vn"], labels: ["hdbank"] },
  { of: "shb.com.vn", official: ["shb.com.vn"], labels: ["shb"] },
  { of: "msb.com.vn", official: ["msb.com.vn"], labels: ["msb"] },
  { of: "vib.com.vn", official: ["vib.com.vn"], labels: ["vib"] },
  { of: "seabank.com.vn", official: ["seabank.com.vn"], labels: ["seabank"] },
  { of: "eximbank.com.vn", official: ["eximbank.com.vn"], labels: ["eximbank"] },
  { of: "lpbank.com.vn", official: ["lpbank.com.vn"], labels: ["lpbank"] },
];

const wallets: Brand[] = [
  { of: "momo.vn", official: ["momo.vn"], labels: ["momo"] },
  { of: "zalopay.vn", official: ["zalopay.vn"], labels: ["zalopay"] },
  { of: "vnpay.vn", official: ["vnpay.vn", "vnpayqr.vn"], labels: ["vnpay", "vnpayqr"] },
  { of: "zalo.me", official: ["zalo.me", "zalo.vn", "zaloapp.com"], labels: ["zalo"] },
];

const government: Brand[] = [
  { of: "chinhphu.vn", official: ["chinhphu.vn", "baochinhphu.vn"], labels: ["chinhphu"] },
  { of: "dichvucong.gov.vn", official: ["dichvucong.gov.vn"], labels: ["dichvucong"] },
  { of: "bocongan.gov.vn", official: ["bocongan.gov.vn", "mps.gov.vn"], labels: ["bocongan"] },
  { of: "vneid.gov.vn", official: ["vneid.gov.vn"], labels: ["vneid"] },
  { of: "csgt.vn", official: ["csgt.vn"], labels: ["csgt"] },
  { of: "gdt.gov.vn", official: ["gdt.gov.vn"], labels: ["gdt", "thuedientu", "tongcucthue"] },
  { of: "baohiemxahoi.gov.vn", official: ["baohiemxahoi.gov.vn", "vss.gov.vn"], labels: ["baohiemxahoi", "bhxh"] },
  {
    of: "evn.com.vn",
    official: ["evn.com.vn", "evnhanoi.vn", "evnhcmc.vn", "evnspc.vn", "evncpc.vn", "evnnpc.vn"],
    labels: ["evn", "evnhanoi", "evnhcmc", "evnspc", "evncpc", "evnnpc"],
  },
];

/** Shops, delivery firms and ride apps: fake refunds, "CTV" task jobs, undelivered parcels, prizes. */
const retail: Brand[] = [
  { of: "shopee.vn", official: ["shopee.vn", "shopee.com", "shopeemobile.com", "shopeefood.vn", "shopeepay.vn"], labels: ["shopee", "shopeepay", "shopeefood"] },
  { of: "spx.vn", official: ["spx.vn"], labels: ["spx", "shopeexpress", "shopeeexpress"] },
  { of: "lazada.vn", official: ["lazada.vn", "lazada.com"], labels: ["lazada"] },
  { of: "tiki.vn", official: ["tiki.vn"], labels: ["tiki"] },
  { of: "tiktok.com", official: ["tiktok.com"], labels: ["tiktok", "tiktokshop"] },
  { of: "ghn.vn", official: ["ghn.vn", "ghn.dev", "giaohangnhanh.vn"], labels: ["ghn"], phrases: ["giaohangnhanh"] },
  { of: "ghtk.vn", official: ["ghtk.vn", "giaohangtietkiem.vn"], labels: ["ghtk"], phrases: ["giaohangtietkiem"] },
  { of: "jtexpress.vn", official: ["jtexpress.vn"], labels: ["jtexpress", "jnt", "jntexpress"], typoLimit: 1 },
  { of: "ninjavan.co", official: ["ninjavan.co"], labels: ["ninjavan"] },
  { of: "vnpost.vn", official: ["vnpost.vn", "vietnampost.vn"], labels: ["vnpost", "vietnampost"] },
  { of: "viettelpost.com.vn", official: ["viettelpost.com.vn", "viettelpost.vn"], labels: ["viettelpost"] },
  { of: "grab.com", official: ["grab.com"], labels: ["grab", "grabpay", "grabfood"] },
  { of: "dienmayxanh.com", official: ["dienmayxanh.com"], labels: ["dienmayxanh"] },
  { of: "thegioididong.com", official: ["thegioididong.com", "tgdd.vn"], labels: ["thegioididong", "tgdd"] },
];

export const BRANDS: Brand[] = [...banks, ...wallets, ...government, ...retail];

/**
 * Government look-alikes that name no known site: "gov" and "vn" as consecutive labels or
 * hyphenated words anywhere but at the end of the host ("congan.hanoi.gov.vn.vip",
 * "cccd-gov-vn.online"), or "govvn"/"govn" as a word. Every real host under gov.vn is official
 * (only state bodies can register there), so such a host is always an imitation.
 */
export const GOVERNMENT = { of: "gov.vn", suffix: ".gov.vn", glued: new Set(["govvn", "govn"]) };
