// account.cpp / account.hpp validate(): account_options, account_create (5), account_update (6),
// account_whitelist (7), account_upgrade (8), account_transfer (9), and the authority helpers they use.
import { describe, expect, it } from "vitest";
import type {
  AccountCreateOperation, AccountOptions, AccountTransferOperation, AccountUpdateOperation, AccountUpgradeOperation,
  AccountWhitelistOperation, Authority,
} from "../../../generated/native-types.js";
import {
  validateAccountCreateOperation, validateAccountOptions, validateAccountTransferOperation, validateAccountUpdateOperation,
  validateAccountUpgradeOperation, validateAccountWhitelistOperation,
} from "./account.js";
import { isImpossible, isNullAuthority, numAuths, validateSpecialAuthority } from "./authority.js";
import { asset, expectOk, expectRefused, KEY, keyAuthority, make, zeroOf } from "./test_support.js";

const NULL_AUTH: Authority = { weight_threshold: 1, account_auths: [["1.2.3", 1]], key_auths: [], address_auths: [] };
const ADDRESS = "00".repeat(20);

describe("authority helpers", () => {
  it("numAuths counts every member; isImpossible compares the weight sum with the threshold", () => {
    const a: Authority = { weight_threshold: 5, account_auths: [["1.2.7", 2]], key_auths: [[KEY, 2]], address_auths: [[ADDRESS, 1]] };
    expect(numAuths(a)).toBe(3);
    expect(isImpossible(a)).toBe(false);
    expect(isImpossible({ ...a, weight_threshold: 6 })).toBe(true);
    // The sum is a uint64 in authority.hpp: it cannot wrap for 16-bit weights.
    expect(isImpossible({ weight_threshold: 0xffffffff, account_auths: [], key_auths: [[KEY, 65535]], address_auths: [] })).toBe(true);
    expect(isImpossible(zeroOf<Authority>("authority"))).toBe(false);
  });

  it("isNullAuthority is authority( 1, GRAPHENE_NULL_ACCOUNT, 1 ) exactly", () => {
    expect(isNullAuthority(NULL_AUTH)).toBe(true);
    expect(isNullAuthority({ ...NULL_AUTH, weight_threshold: 2 })).toBe(false);
    expect(isNullAuthority({ ...NULL_AUTH, account_auths: [["1.2.3", 2]] })).toBe(false);
    expect(isNullAuthority({ ...NULL_AUTH, account_auths: [["1.2.4", 1]] })).toBe(false);
    expect(isNullAuthority({ ...NULL_AUTH, key_auths: [[KEY, 1]] })).toBe(false);
    expect(isNullAuthority({ ...NULL_AUTH, account_auths: [["1.2.3", 1], ["1.2.5", 1]] })).toBe(false);
  });

  it("validate_special_authority: top holders need num_top_holders > 0", () => {
    expectOk(validateSpecialAuthority([0, {}]));
    expectOk(validateSpecialAuthority([1, { asset: "1.3.0", num_top_holders: 1 }]));
    expectRefused(validateSpecialAuthority([1, { asset: "1.3.0", num_top_holders: 0 }]), "top_holders_special_authority.num_top_holders_positive", "[1].num_top_holders");
  });
});

describe("account_options::validate", () => {
  const opts = (num_witness: number, num_committee: number, votes: string[]): AccountOptions =>
    make<AccountOptions>("account_options", { num_witness, num_committee, votes });

  it("needs at least num_witness witness votes (type 1) and num_committee committee votes (type 0)", () => {
    expectOk(validateAccountOptions(opts(0, 0, [])));
    expectOk(validateAccountOptions(opts(1, 1, ["0:1", "1:2"])));
    expectOk(validateAccountOptions(opts(1, 0, ["1:0", "1:5", "2:7"])));
    expectRefused(validateAccountOptions(opts(1, 0, ["0:1"])), "account_options.votes_cover_counts", "votes");
    expectRefused(validateAccountOptions(opts(0, 2, ["0:1"])), "account_options.votes_cover_counts", "votes");
    // Worker votes (type 2) count for neither.
    expectRefused(validateAccountOptions(opts(1, 0, ["2:3"])), "account_options.votes_cover_counts", "votes");
  });
});

describe("account_create_operation", () => {
  const valid = (): AccountCreateOperation =>
    make<AccountCreateOperation>("account_create_operation", { name: "alice", owner: keyAuthority(), active: keyAuthority(), registrar: "1.2.17", referrer: "1.2.17" });
  const T = "account_create_operation";
  const check = (patch: Partial<AccountCreateOperation>) => validateAccountCreateOperation({ ...valid(), ...patch });

  it("accepts a plain account and a buyback account", () => {
    expectOk(validateAccountCreateOperation(valid()));
    expectOk(check({ referrer_percent: 10000, fee: asset(1) }));
    expectOk(check({ owner: NULL_AUTH, active: NULL_AUTH, extensions: { buyback_options: { asset_to_buy: "1.3.5", asset_to_buy_issuer: "1.2.9", markets: ["1.3.0", "1.3.1"] } } }));
    expectOk(check({ extensions: { owner_special_authority: [1, { asset: "1.3.0", num_top_holders: 3 }], active_special_authority: [0, {}] } }));
  });

  it.each([
    ["fee_non_negative", "fee.amount", { fee: asset(-1) }],
    ["name_valid", "name", { name: "Sam" }],
    ["name_valid", "name", { name: "" }],
    ["referrer_percent_max", "referrer_percent", { referrer_percent: 10001 }],
    ["owner_not_empty", "owner", { owner: { ...keyAuthority(), key_auths: [] } }],
    ["owner_no_address_auths", "owner.address_auths", { owner: { ...keyAuthority(), address_auths: [[ADDRESS, 1]] } }],
    ["active_not_empty", "active", { active: { ...keyAuthority(), key_auths: [] } }],
    ["active_no_address_auths", "active.address_auths", { active: { ...keyAuthority(), address_auths: [[ADDRESS, 1]] } }],
    ["owner_possible", "owner", { owner: { ...keyAuthority(), weight_threshold: 2 } }],
    ["active_possible", "active", { active: { ...keyAuthority(), weight_threshold: 2 } }],
  ] as const)("refuses: %s at %j", (rule, field, patch) => {
    expectRefused(check(patch as Partial<AccountCreateOperation>), `${T}.${rule}`, field);
  });

  it("checks owner's members and active's members before either authority's threshold", () => {
    // An empty active authority is reported even though the owner is impossible (account.cpp order).
    expectRefused(check({ owner: { ...keyAuthority(), weight_threshold: 9 }, active: { ...keyAuthority(), key_auths: [] } }), `${T}.active_not_empty`, "active");
  });

  it("validates the options and the special authorities", () => {
    expectRefused(check({ options: { ...valid().options, num_witness: 1 } }), "account_options.votes_cover_counts", "options.votes");
    expectRefused(check({ extensions: { owner_special_authority: [1, { asset: "1.3.0", num_top_holders: 0 }] } }),
      "top_holders_special_authority.num_top_holders_positive", "extensions.owner_special_authority[1].num_top_holders");
    expectRefused(check({ extensions: { active_special_authority: [1, { asset: "1.3.0", num_top_holders: 0 }] } }),
      "top_holders_special_authority.num_top_holders_positive", "extensions.active_special_authority[1].num_top_holders");
  });

  describe("buyback accounts", () => {
    const buyback = { asset_to_buy: "1.3.5", asset_to_buy_issuer: "1.2.9", markets: ["1.3.0"] };
    const bb = (patch: Partial<AccountCreateOperation>, ext: object = {}) =>
      check({ owner: NULL_AUTH, active: NULL_AUTH, ...patch, extensions: { buyback_options: buyback, ...ext } });
    const top = [1, { asset: "1.3.0", num_top_holders: 1 }] as const;

    it.each([
      ["buyback_no_owner_special_authority", "extensions.owner_special_authority", {}, { owner_special_authority: top }],
      ["buyback_no_active_special_authority", "extensions.active_special_authority", {}, { active_special_authority: [0, {}] }],
      ["buyback_null_owner", "owner", { owner: keyAuthority() }, {}],
      ["buyback_null_active", "active", { active: keyAuthority() }, {}],
      ["buyback_markets_not_empty", "extensions.buyback_options.markets", {}, { buyback_options: { ...buyback, markets: [] } }],
      ["buyback_market_not_asset_to_buy", "extensions.buyback_options.markets[1]", {}, { buyback_options: { ...buyback, markets: ["1.3.0", "1.3.5"] } }],
    ] as const)("refuses: %s at %j", (rule, field, patch, ext) => {
      expectRefused(bb(patch as Partial<AccountCreateOperation>, ext), `${T}.${rule}`, field);
    });
  });
});

describe("account_update_operation", () => {
  const T = "account_update_operation";
  const valid = (): AccountUpdateOperation => make<AccountUpdateOperation>("account_update_operation", { account: "1.2.17", active: keyAuthority() });
  const check = (patch: Partial<AccountUpdateOperation>) => validateAccountUpdateOperation({ ...valid(), ...patch });

  it("accepts each kind of update alone", () => {
    expectOk(validateAccountUpdateOperation(valid()));
    const base = make<AccountUpdateOperation>("account_update_operation", { account: "1.2.17" });
    expectOk(validateAccountUpdateOperation({ ...base, owner: keyAuthority() }));
    expectOk(validateAccountUpdateOperation({ ...base, new_options: zeroOf<AccountOptions>("account_options") }));
    expectOk(validateAccountUpdateOperation({ ...base, extensions: { owner_special_authority: [0, {}] } }));
    expectOk(validateAccountUpdateOperation({ ...base, extensions: { active_special_authority: [1, { asset: "1.3.0", num_top_holders: 5 }] } }));
  });

  it.each([
    ["account_not_temp", "account", { account: "1.2.4" }],
    // The temp account is refused before the fee is looked at.
    ["account_not_temp", "account", { account: "1.2.4", fee: asset(-1) }],
    ["fee_non_negative", "fee.amount", { fee: asset(-1), account: "1.2.0" }],
    ["account_not_committee", "account", { account: "1.2.0" }],
    ["has_action", "", { active: undefined }],
    ["owner_not_empty", "owner", { owner: { ...keyAuthority(), key_auths: [] } }],
    ["owner_no_address_auths", "owner.address_auths", { owner: { ...keyAuthority(), address_auths: [[ADDRESS, 1]] } }],
    ["owner_possible", "owner", { owner: { ...keyAuthority(), weight_threshold: 2 } }],
    ["active_not_empty", "active", { active: { ...keyAuthority(), key_auths: [] } }],
    ["active_no_address_auths", "active.address_auths", { active: { ...keyAuthority(), address_auths: [[ADDRESS, 1]] } }],
    ["active_possible", "active", { active: { ...keyAuthority(), weight_threshold: 2 } }],
  ] as const)("refuses: %s at %j", (rule, field, patch) => {
    const op = { ...valid(), ...(patch as Partial<AccountUpdateOperation>) };
    if ("active" in patch && patch.active === undefined) delete op.active;
    expectRefused(validateAccountUpdateOperation(op), `${T}.${rule}`, field);
  });

  it("checks the owner completely before the active", () => {
    expectRefused(check({ owner: { ...keyAuthority(), weight_threshold: 2 }, active: { ...keyAuthority(), key_auths: [] } }), `${T}.owner_possible`, "owner");
  });

  it("validates new options and special authorities", () => {
    expectRefused(check({ new_options: { ...zeroOf<AccountOptions>("account_options"), num_committee: 1 } }), "account_options.votes_cover_counts", "new_options.votes");
    expectRefused(check({ extensions: { owner_special_authority: [1, { asset: "1.3.0", num_top_holders: 0 }] } }),
      "top_holders_special_authority.num_top_holders_positive", "extensions.owner_special_authority[1].num_top_holders");
    expectRefused(check({ extensions: { active_special_authority: [1, { asset: "1.3.0", num_top_holders: 0 }] } }),
      "top_holders_special_authority.num_top_holders_positive", "extensions.active_special_authority[1].num_top_holders");
  });
});

describe("account_whitelist, account_upgrade, account_transfer", () => {
  it("account_whitelist: new_listing is a 2-bit value", () => {
    const op = make<AccountWhitelistOperation>("account_whitelist_operation", { authorizing_account: "1.2.7", account_to_list: "1.2.8" });
    for (const new_listing of [0, 1, 2, 3]) expectOk(validateAccountWhitelistOperation({ ...op, new_listing }));
    expectRefused(validateAccountWhitelistOperation({ ...op, new_listing: 4 }), "account_whitelist_operation.new_listing_max", "new_listing");
    expectRefused(validateAccountWhitelistOperation({ ...op, new_listing: 255 }), "account_whitelist_operation.new_listing_max", "new_listing");
    expectRefused(validateAccountWhitelistOperation({ ...op, fee: asset(-1) }), "account_whitelist_operation.fee_non_negative", "fee.amount");
  });

  it("account_upgrade and account_transfer only check the fee", () => {
    const up = make<AccountUpgradeOperation>("account_upgrade_operation", { upgrade_to_lifetime_member: true });
    expectOk(validateAccountUpgradeOperation(up));
    expectRefused(validateAccountUpgradeOperation({ ...up, fee: asset(-1) }), "account_upgrade_operation.fee_non_negative", "fee.amount");
    const tr = make<AccountTransferOperation>("account_transfer_operation");
    expectOk(validateAccountTransferOperation(tr));
    expectRefused(validateAccountTransferOperation({ ...tr, fee: asset(-5) }), "account_transfer_operation.fee_non_negative", "fee.amount");
  });
});
