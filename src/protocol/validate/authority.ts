// What account operations ask of an authority (authority.hpp) and of a special authority
// (special_authority.cpp validate_special_authority).
import type { Authority, SpecialAuthority } from "../../../generated/native-types.js";
import { assertFail } from "../errors.js";
import { NULL_ACCOUNT } from "../config.js";
import { OK, type Check } from "./common.js";

/** authority::num_auths: accounts + keys + addresses. */
export const numAuths = (a: Authority): number => a.account_auths.length + a.key_auths.length + a.address_auths.length;

/** authority::is_impossible: the weights of all members together stay below the threshold. */
export function isImpossible(a: Authority): boolean {
  let total = 0;
  for (const [, w] of a.account_auths) total += w;
  for (const [, w] of a.key_auths) total += w;
  for (const [, w] of a.address_auths) total += w;
  return total < a.weight_threshold;
}

/** `a == authority::null_authority()`: threshold 1, the null account (1.2.3) with weight 1, nothing else. */
export function isNullAuthority(a: Authority): boolean {
  const [only] = a.account_auths;
  return (
    a.weight_threshold === 1 && a.account_auths.length === 1 && only !== undefined && only[0] === NULL_ACCOUNT && only[1] === 1 &&
    a.key_auths.length === 0 && a.address_auths.length === 0
  );
}

/** validate_special_authority: a top_holders_special_authority needs num_top_holders > 0. Field paths are
 *  relative to the [tag, value] variant. */
export function validateSpecialAuthority(sa: SpecialAuthority): Check {
  if (sa[0] === 1 && !(sa[1].num_top_holders > 0))
    return assertFail("top_holders_special_authority.num_top_holders_positive", "[1].num_top_holders", "num_top_holders is 0");
  return OK;
}
