// Asset symbols (asset_ops.cpp is_valid_symbol, with the classic "C" locale: ASCII only).
import { MAX_ASSET_SYMBOL_LENGTH, MIN_ASSET_SYMBOL_LENGTH } from "../config.js";

/** is_valid_symbol: 3..16 characters of A-Z, 0-9 and at most one '.', starting with a letter, ending with a
 *  letter or digit, and not starting with "BIT". */
export function isValidSymbol(symbol: string): boolean {
  if (symbol.length < MIN_ASSET_SYMBOL_LENGTH || symbol.length > MAX_ASSET_SYMBOL_LENGTH) return false;
  if (symbol.startsWith("BIT")) return false;
  if (!/^[A-Za-z]/.test(symbol) || !/[A-Za-z0-9]$/.test(symbol)) return false;
  let dots = 0;
  for (const c of symbol) {
    if ((c >= "A" && c <= "Z") || (c >= "0" && c <= "9")) continue;
    if (c === "." && ++dots === 1) continue;
    return false;
  }
  return true;
}
