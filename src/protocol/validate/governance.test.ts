// validate() of witness (20, 21), committee_member (29..31, with chain_parameters::validate), worker_create
// (34) and the proposal operations (22..24).
import { describe, expect, it } from "vitest";
import type {
  ChainParameters, CommitteeMemberCreateOperation, CommitteeMemberUpdateGlobalParametersOperation, CommitteeMemberUpdateOperation,
  Operation, ProposalCreateOperation, ProposalDeleteOperation, ProposalUpdateOperation, TransferOperation, WitnessCreateOperation,
  WitnessUpdateOperation, WorkerCreateOperation,
} from "../../../generated/native-types.js";
import { validateChainParameters } from "./chain_parameters.js";
import { byteLength } from "./common.js";
import {
  validateCommitteeMemberCreateOperation, validateCommitteeMemberUpdateGlobalParametersOperation, validateCommitteeMemberUpdateOperation,
} from "./committee_member.js";
import { validateProposalCreateOperation, validateProposalDeleteOperation, validateProposalUpdateOperation } from "./proposal.js";
import { validateWitnessCreateOperation, validateWitnessUpdateOperation } from "./witness.js";
import { validateWorkerCreateOperation } from "./worker.js";
import { asset, expectOk, expectRefused, KEY, make, zeroOf, zeroOp } from "./test_support.js";

const MAX = 1000000000000000n; // GRAPHENE_MAX_SHARE_SUPPLY (config.hpp)

describe("url and name lengths count UTF-8 bytes (std::string::size)", () => {
  it("byteLength", () => {
    expect(byteLength("")).toBe(0);
    expect(byteLength("abc")).toBe(3);
    expect(byteLength("é")).toBe(2);
    expect(byteLength("€")).toBe(3);
    expect(byteLength("😀")).toBe(4);
    // A lone surrogate U+DC80..U+DCFF stands for one raw byte (src/codec/utf8.ts).
    expect(byteLength("\udc80\udcff")).toBe(2);
  });

  it("witness_create: url below GRAPHENE_MAX_URL_LENGTH (127) bytes", () => {
    const T = "witness_create_operation";
    const op = make<WitnessCreateOperation>("witness_create_operation", { witness_account: "1.2.17", block_signing_key: KEY });
    expectOk(validateWitnessCreateOperation({ ...op, url: "a".repeat(126) }));
    expectOk(validateWitnessCreateOperation({ ...op, url: "é".repeat(63) }));
    expectRefused(validateWitnessCreateOperation({ ...op, url: "a".repeat(127) }), `${T}.url_length`, "url");
    expectRefused(validateWitnessCreateOperation({ ...op, url: "é".repeat(64) }), `${T}.url_length`, "url");
    expectRefused(validateWitnessCreateOperation({ ...op, fee: asset(-1), url: "a".repeat(127) }), `${T}.fee_non_negative`, "fee.amount");
  });

  it("witness_update: new_url when given", () => {
    const T = "witness_update_operation";
    const op = make<WitnessUpdateOperation>("witness_update_operation", { witness: "1.6.3", witness_account: "1.2.17" });
    expectOk(validateWitnessUpdateOperation(op));
    expectOk(validateWitnessUpdateOperation({ ...op, new_url: "a".repeat(126), new_signing_key: KEY }));
    expectRefused(validateWitnessUpdateOperation({ ...op, new_url: "a".repeat(127) }), `${T}.new_url_length`, "new_url");
    expectRefused(validateWitnessUpdateOperation({ ...op, fee: asset(-1) }), `${T}.fee_non_negative`, "fee.amount");
  });

  it("committee_member_create and _update: the same url rule", () => {
    const c = make<CommitteeMemberCreateOperation>("committee_member_create_operation", { committee_member_account: "1.2.17", url: "a".repeat(126) });
    expectOk(validateCommitteeMemberCreateOperation(c));
    expectRefused(validateCommitteeMemberCreateOperation({ ...c, url: "a".repeat(127) }), "committee_member_create_operation.url_length", "url");
    // tests/tests/operation_tests.cpp create_committee_member: fee asset(-600)
    expectRefused(validateCommitteeMemberCreateOperation({ ...c, fee: asset(-600) }), "committee_member_create_operation.fee_non_negative", "fee.amount");
    const u = make<CommitteeMemberUpdateOperation>("committee_member_update_operation", { committee_member: "1.5.1", committee_member_account: "1.2.17" });
    expectOk(validateCommitteeMemberUpdateOperation(u));
    expectRefused(validateCommitteeMemberUpdateOperation({ ...u, new_url: "a".repeat(127) }), "committee_member_update_operation.new_url_length", "new_url");
    expectRefused(validateCommitteeMemberUpdateOperation({ ...u, fee: asset(-1) }), "committee_member_update_operation.fee_non_negative", "fee.amount");
  });

  it("worker_create: dates, daily pay and name and url lengths", () => {
    const T = "worker_create_operation";
    const op = make<WorkerCreateOperation>("worker_create_operation", {
      owner: "1.2.17", work_begin_date: 1000, work_end_date: 2000, daily_pay: 1n, name: "w".repeat(62), url: "u".repeat(126),
    });
    expectOk(validateWorkerCreateOperation(op));
    expectOk(validateWorkerCreateOperation({ ...op, daily_pay: MAX - 1n }));
    expectRefused(validateWorkerCreateOperation({ ...op, fee: asset(-1) }), `${T}.fee_non_negative`, "fee.amount");
    expectRefused(validateWorkerCreateOperation({ ...op, work_end_date: 1000 }), `${T}.end_after_begin`, "work_end_date");
    expectRefused(validateWorkerCreateOperation({ ...op, daily_pay: 0n }), `${T}.daily_pay_positive`, "daily_pay");
    // Strictly below GRAPHENE_MAX_SHARE_SUPPLY (worker.cpp).
    expectRefused(validateWorkerCreateOperation({ ...op, daily_pay: MAX }), `${T}.daily_pay_max`, "daily_pay");
    // name.size() < GRAPHENE_MAX_WORKER_NAME_LENGTH (63)
    expectRefused(validateWorkerCreateOperation({ ...op, name: "w".repeat(63) }), `${T}.name_length`, "name");
    expectRefused(validateWorkerCreateOperation({ ...op, url: "u".repeat(127) }), `${T}.url_length`, "url");
  });
});

describe("chain_parameters::validate", () => {
  const T = "chain_parameters";
  const check = (patch: Partial<ChainParameters>) => validateChainParameters({ ...zeroOf<ChainParameters>("chain_parameters"), ...patch });

  it("accepts the defaults and the bounds", () => {
    expectOk(check({}));
    expectOk(check({ reserve_percent_of_fee: 10000, network_percent_of_fee: 5000, lifetime_referrer_percent_of_fee: 5000 }));
    expectOk(check({ block_interval: 1, maintenance_interval: 2, maximum_time_until_expiration: 2 }));
    expectOk(check({ block_interval: 30, maintenance_interval: 60, maximum_transaction_size: 1024, maximum_block_size: 5120 }));
    expectOk(check({ extensions: { market_fee_network_percent: 3000, maker_fee_discount_percent: 10000 } }));
    // maximum_proposal_lifetime - committee_proposal_review_period is uint32 arithmetic: a longer review
    // period wraps around to a large number and passes.
    expectOk(check({ maximum_proposal_lifetime: 10, committee_proposal_review_period: 20 }));
  });

  it.each([
    ["reserve_percent_of_fee_max", "reserve_percent_of_fee", { reserve_percent_of_fee: 10001 }],
    ["network_percent_of_fee_max", "network_percent_of_fee", { network_percent_of_fee: 10001 }],
    ["lifetime_referrer_percent_of_fee_max", "lifetime_referrer_percent_of_fee", { lifetime_referrer_percent_of_fee: 10001 }],
    ["fee_split_max", "lifetime_referrer_percent_of_fee", { network_percent_of_fee: 5000, lifetime_referrer_percent_of_fee: 5001 }],
    ["block_interval_min", "block_interval", { block_interval: 0 }],
    ["block_interval_max", "block_interval", { block_interval: 31 }],
    ["maintenance_interval_longer", "maintenance_interval", { maintenance_interval: 5 }],
    ["maintenance_interval_multiple", "maintenance_interval", { maintenance_interval: 86401 }],
    ["maximum_transaction_size_min", "maximum_transaction_size", { maximum_transaction_size: 1023 }],
    ["maximum_block_size_min", "maximum_block_size", { maximum_block_size: 5119 }],
    ["maximum_time_until_expiration_min", "maximum_time_until_expiration", { maximum_time_until_expiration: 5 }],
    ["review_period_below_lifetime", "committee_proposal_review_period", { maximum_proposal_lifetime: 100, committee_proposal_review_period: 95 }],
    ["market_fee_network_percent_max", "extensions.market_fee_network_percent", { extensions: { market_fee_network_percent: 3001 } }],
    ["maker_fee_discount_percent_max", "extensions.maker_fee_discount_percent", { extensions: { maker_fee_discount_percent: 10001 } }],
  ] as const)("refuses: %s at %j", (rule, field, patch) => {
    expectRefused(check(patch as Partial<ChainParameters>), `${T}.${rule}`, field);
  });

  it("committee_member_update_global_parameters validates the fee and the parameters", () => {
    const T2 = "committee_member_update_global_parameters_operation";
    const op = zeroOf<CommitteeMemberUpdateGlobalParametersOperation>(T2);
    expectOk(validateCommitteeMemberUpdateGlobalParametersOperation(op));
    expectRefused(validateCommitteeMemberUpdateGlobalParametersOperation({ ...op, fee: asset(-1) }), `${T2}.fee_non_negative`, "fee.amount");
    expectRefused(validateCommitteeMemberUpdateGlobalParametersOperation({ ...op, new_parameters: { ...op.new_parameters, block_interval: 0 } }),
      `${T}.block_interval_min`, "new_parameters.block_interval");
  });
});

describe("proposal operations", () => {
  const transfer = (patch: Partial<TransferOperation> = {}): Operation =>
    [0, make<TransferOperation>("transfer_operation", { from: "1.2.17", to: "1.2.18", amount: asset(1), ...patch })];
  const create = (ops: Operation[], patch: Partial<ProposalCreateOperation> = {}) =>
    validateProposalCreateOperation(make<ProposalCreateOperation>("proposal_create_operation", { proposed_ops: ops.map((op) => ({ op })), ...patch }));

  it("proposal_create: at least one operation, each valid (recursively); its own fee is not checked", () => {
    const T = "proposal_create_operation";
    expectOk(create([transfer()]));
    expectOk(create([transfer(), transfer({ amount: asset(5) })], { fee: asset(-1) }));
    expectRefused(create([]), `${T}.has_proposed_ops`, "proposed_ops");
    expectRefused(create([transfer(), transfer({ amount: asset(0) })]), "transfer_operation.amount_positive", "proposed_ops[1].op[1].amount.amount");
    expectRefused(create([zeroOp(4, "fill_order_operation")]), "fill_order_operation.virtual", "proposed_ops[0].op[1]");
    const nested: Operation = [22, make<ProposalCreateOperation>("proposal_create_operation", { proposed_ops: [{ op: transfer({ to: "1.2.17" }) }] })];
    expectRefused(create([nested]), "transfer_operation.from_not_to", "proposed_ops[0].op[1].proposed_ops[0].op[1].to");
    const empty: Operation = zeroOp(22, "proposal_create_operation");
    expectRefused(create([transfer(), empty]), `${T}.has_proposed_ops`, "proposed_ops[1].op[1].proposed_ops");
  });

  it("proposal_update: something to do, no approval both added and removed", () => {
    const T = "proposal_update_operation";
    const op = make<ProposalUpdateOperation>("proposal_update_operation", { proposal: "1.10.4" });
    expectOk(validateProposalUpdateOperation({ ...op, active_approvals_to_add: ["1.2.17"] }));
    expectOk(validateProposalUpdateOperation({ ...op, owner_approvals_to_remove: ["1.2.17"] }));
    expectOk(validateProposalUpdateOperation({ ...op, key_approvals_to_add: [KEY] }));
    expectOk(validateProposalUpdateOperation({ ...op, active_approvals_to_add: ["1.2.17"], owner_approvals_to_remove: ["1.2.17"] }));
    expectRefused(validateProposalUpdateOperation(op), `${T}.has_update`, "");
    expectRefused(validateProposalUpdateOperation({ ...op, fee: asset(-1), key_approvals_to_remove: [KEY] }), `${T}.fee_non_negative`, "fee.amount");
    expectRefused(validateProposalUpdateOperation({ ...op, active_approvals_to_add: ["1.2.9", "1.2.17"], active_approvals_to_remove: ["1.2.17"] }),
      `${T}.active_add_remove_disjoint`, "active_approvals_to_add[1]");
    expectRefused(validateProposalUpdateOperation({ ...op, owner_approvals_to_add: ["1.2.17"], owner_approvals_to_remove: ["1.2.17"] }),
      `${T}.owner_add_remove_disjoint`, "owner_approvals_to_add[0]");
    expectRefused(validateProposalUpdateOperation({ ...op, key_approvals_to_add: [KEY], key_approvals_to_remove: [KEY] }),
      `${T}.key_add_remove_disjoint`, "key_approvals_to_add[0]");
  });

  it("proposal_delete: only the fee", () => {
    const op = make<ProposalDeleteOperation>("proposal_delete_operation", { proposal: "1.10.4", using_owner_authority: true });
    expectOk(validateProposalDeleteOperation(op));
    expectRefused(validateProposalDeleteOperation({ ...op, fee: asset(-1) }), "proposal_delete_operation.fee_non_negative", "fee.amount");
  });
});
