/**
 * Amounts in Chinese capitals (大写金额), as the banking convention writes
 * them on letters and cheques (中国人民银行《支付结算办法》附件一《正确填写票据和
 * 结算凭证的基本规定》): 人民币 + 壹贰叁肆伍陆柒捌玖 with 拾佰仟 inside
 * four-digit groups and 万/亿 between them; 元, then 角 and 分; 整 after an
 * amount that ends at 元 or 角, never after 分.
 *
 * Zeros: a run of zeros inside the yuan amount is one 零; a zero 角 between a
 * 元 and a 分 is written 零 (伍元零贰分); where the units of 元 are zero but
 * 角 is not, the convention allows 零 or nothing — we write nothing
 * (壹仟陆佰捌拾元叁角贰分), as most ERP systems print it. A ten at the head of
 * a group keeps its 壹 (壹拾陆元整), as cheques require.
 *
 * Why not the `nzh` package (1.0.14, checked 2026-12-05): its cn.toMoney
 * takes a float, not whole fen, and leaves 整 off an amount ending at 角
 * (1409.50 → "壹仟肆佰零玖元伍角", where the convention writes 伍角整).
 */

const DIGITS = "零壹贰叁肆伍陆柒捌玖";
const IN_GROUP = ["", "拾", "佰", "仟"];
/** Whole fen stay exact up to here (about 900 亿亿 fen: 90 万亿 yuan). */
export const MAX_CAPITALS_FEN = Number.MAX_SAFE_INTEGER;

/** A number 1–9999 in capitals: one 零 for a run of zeros inside it, none at its end. */
function fourDigits(value: number): string {
  let out = "";
  let zeros = false;
  for (let place = 3; place >= 0; place--) {
    const digit = Math.floor(value / 10 ** place) % 10;
    if (digit === 0) {
      if (out !== "") zeros = true;
      continue;
    }
    if (zeros) out += "零";
    zeros = false;
    out += DIGITS[digit] + IN_GROUP[place];
  }
  return out;
}

/**
 * A whole number ≥ 1 in capitals: 亿 splits it at 10⁸ (what is above 亿 is
 * itself written with 万, 壹万贰仟亿), 万 at 10⁴; a lower part that does not
 * fill its places (below 10⁷ after 亿, below 10³ after 万) starts with 零.
 */
function wholeCapitals(n: number): string {
  for (const [unit, size, head] of [["亿", 1e8, 1e7], ["万", 1e4, 1e3]] as const) {
    if (n < size) continue;
    const high = Math.floor(n / size);
    const low = n % size;
    const rest = low === 0 ? "" : (low < head ? "零" : "") + wholeCapitals(low);
    return wholeCapitals(high) + unit + rest;
  }
  return fourDigits(n);
}

/**
 * `fen` (a whole number ≥ 0) as 人民币…元…角…分 / 整. A negative amount (a
 * credit) is the caller's to say in words (应退); it is a RangeError here, as
 * is a fraction of a fen or an amount past MAX_CAPITALS_FEN.
 */
export function cnyCapitals(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0 || fen > MAX_CAPITALS_FEN) {
    throw new RangeError(`cnyCapitals: ${fen} is not a whole number of fen from 0 to ${MAX_CAPITALS_FEN}`);
  }
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const cents = fen % 10;
  if (fen === 0) return "人民币零元整";
  let out = "人民币";
  if (yuan > 0) out += wholeCapitals(yuan) + "元";
  if (jiao === 0 && cents === 0) return out + "整";
  if (jiao > 0) out += DIGITS[jiao] + "角";
  else if (yuan > 0) out += "零";
  if (cents === 0) return out + "整";
  return out + DIGITS[cents] + "分";
}
