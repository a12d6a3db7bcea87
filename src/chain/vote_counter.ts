// vote_counter (vote_count.hpp): turns (account, votes) pairs, added in descending order of votes, into an
// authority whose weights are the votes scaled down so the largest fits in 16 bits, with a threshold of
// just over half the total. Used for top-holder special authorities and the committee account.
import type * as T from "../../generated/native-types.js";
import { inst } from "./tables.js";

export interface VoteCounter {
  readonly auths: ReadonlyMap<string, number>;
  readonly total: bigint;
  /** Set by the first non-zero add: how far every vote is shifted right. */
  readonly bitshift: number;
}

export const EMPTY_VOTE_COUNTER: VoteCounter = { auths: new Map(), total: 0n, bitshift: -1 };

/** Index of the highest set bit (find_msb) of a positive integer. */
export function msb(x: bigint): number {
  return x.toString(2).length - 1;
}

/** vote_counter::add: zero votes are ignored; each weight is max(votes >> bitshift, 1). The total sums every
 *  weight, but an account added twice keeps only its last weight (authority::add_authority assigns). */
export function addVotes(vc: VoteCounter, who: string, votes: bigint): VoteCounter {
  if (votes === 0n) return vc;
  const bitshift = vc.bitshift === -1 ? Math.max(msb(votes) - 15, 0) : vc.bitshift;
  const shifted = votes >> BigInt(bitshift);
  const scaled = shifted > 1n ? shifted : 1n;
  const auths = new Map(vc.auths);
  auths.set(who, Number(scaled));
  return { auths, total: vc.total + scaled, bitshift };
}

/** vote_counter::finish: the authority, or undefined when no votes were counted (the old one stays). */
export function finishVotes(vc: VoteCounter): T.Authority | undefined {
  if (vc.total === 0n) return undefined;
  const weight = Number(BigInt.asUintN(32, vc.total));
  return {
    weight_threshold: Math.floor(weight / 2) + 1,
    account_auths: [...vc.auths].sort((a, b) => inst(a[0]) - inst(b[0])),
    key_auths: [],
    address_auths: [],
  };
}
