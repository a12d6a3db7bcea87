// Account names (account.cpp is_valid_name, is_cheap_name). Names are ASCII: any other byte makes a name
// invalid, so working on UTF-16 code units gives the same answers as bitshares-core's byte loops.
import { MAX_ACCOUNT_NAME_LENGTH, MIN_ACCOUNT_NAME_LENGTH } from "../config.js";

// One dot-separated label: a lowercase letter, then letters, digits and dashes, ending in a letter or digit.
const LABEL = /^[a-z](?:[a-z0-9-]*[a-z0-9])?$/;

/** is_valid_name: 1..63 characters, dot-separated labels each matching LABEL (no empty label). */
export function isValidName(name: string): boolean {
  if (name.length < MIN_ACCOUNT_NAME_LENGTH || name.length > MAX_ACCOUNT_NAME_LENGTH) return false;
  return name.split(".").every((label) => LABEL.test(label));
}

/** is_cheap_name: a name with a digit, '.', '-' or '/', or without any vowel (a e i o u y), pays the basic
 *  account creation fee instead of the premium one. */
export function isCheapName(name: string): boolean {
  let vowel = false;
  for (const c of name) {
    if ((c >= "0" && c <= "9") || c === "." || c === "-" || c === "/") return true;
    if ("aeiouy".includes(c)) vowel = true;
  }
  return !vowel;
}
