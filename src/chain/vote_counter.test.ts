// vote_counter (vote_count.hpp): scaling to 16 bits by the first (largest) vote, weights of at least 1,
// threshold just over half, nothing when no votes were counted.
import { describe, expect, it } from "vitest";
import { EMPTY_VOTE_COUNTER, addVotes, finishVotes, msb } from "./vote_counter.js";

describe("vote_counter", () => {
  it("keeps votes that fit in 16 bits as they are", () => {
    const vc = [["1.2.20", 65500n], ["1.2.18", 500n]].reduce((v, [who, n]) => addVotes(v, who as string, n as bigint), EMPTY_VOTE_COUNTER);
    // tests/tests/operation_tests2.cpp top_n_special: 33001 {alice 500, chloe 65500}
    expect(finishVotes(vc)).toEqual({ weight_threshold: 33001, account_auths: [["1.2.18", 500], ["1.2.20", 65500]], key_auths: [], address_auths: [] });
  });

  it("shifts every vote by the first one's excess bits, and never weighs less than 1", () => {
    expect(msb(100000n)).toBe(16);
    const vc = [["1.2.7", 100000n], ["1.2.30", 65500n], ["1.2.9", 1n]].reduce((v, [who, n]) => addVotes(v, who as string, n as bigint), EMPTY_VOTE_COUNTER);
    expect(vc.bitshift).toBe(1);
    expect(finishVotes(vc)).toEqual({ weight_threshold: Math.floor((50000 + 32750 + 1) / 2) + 1, account_auths: [["1.2.7", 50000], ["1.2.9", 1], ["1.2.30", 32750]], key_auths: [], address_auths: [] });
  });

  it("ignores zero votes and gives no authority without any", () => {
    expect(finishVotes(addVotes(EMPTY_VOTE_COUNTER, "1.2.7", 0n))).toBeUndefined();
  });
});

describe("vote_counter with one account twice", () => {
  it("keeps the last weight for the account while the total counts both (authority::add_authority assigns)", () => {
    // vote_count.hpp: total_votes += scaled_votes; auth.add_authority(who, scaled_votes) sets account_auths[who].
    const vc = addVotes(addVotes(EMPTY_VOTE_COUNTER, "1.2.7", 300n), "1.2.7", 100n);
    expect(vc.total).toBe(400n);
    expect(finishVotes(vc)).toEqual({ weight_threshold: 201, account_auths: [["1.2.7", 100]], key_auths: [], address_auths: [] });
  });
});
