// Test support for the evaluator tests (vesting, withdraw permissions, balances, assert, custom, tickets, HTLCs,
// custom authorities, markets): the ChainFixture with accepted transactions folded into the head state, the
// few database_fixture helpers those tests need (create_account, transfer, create_user_issued_asset,
// issue_uia), and pushes whose refusals are checked against an unchanged state.
import { either as E } from "fp-ts";
import { expect } from "vitest";
import type * as T from "../../../generated/native-types.js";
import { secretFromSeed } from "../../crypto/keys.js";
import { signTransaction } from "../../crypto/transaction.js";
import type { ChainError } from "../../protocol/errors.js";
import { ChainFixture, publicKeyOfSeed } from "../../scenario/fixture.js";
import { applyTransaction } from "../index.js";
import { Session } from "../session.js";
import { SKIP, SKIP_ALL } from "../skip.js";

export const core = (amount: bigint | number): T.Asset => ({ amount: BigInt(amount), asset_id: "1.3.0" });
export const asset = (amount: bigint | number, asset_id: string): T.Asset => ({ amount: BigInt(amount), asset_id });

export interface Refusal {
  exception: string;
  rule: string;
  field: string;
}
/** What a test compares of a refusal. */
export const refusal = (r: E.Either<ChainError, unknown>): Refusal | "accepted" =>
  E.isLeft(r) ? { exception: r.left.exception, rule: r.left.rule, field: r.left.field } : "accepted";

/** Pushes `ops` (fees from the schedule) on the fixture, signed by `signers` (every check made) or unsigned
 *  (every check skipped); `offset` shifts the expiration so an identical transaction gets a new id. */
export function pushOps(f: ChainFixture, ops: T.Operation[], signers?: string[], offset = 0): E.Either<ChainError, T.ProcessedTransaction> {
  const trx = f.transaction(f.withFees(ops));
  return f.push({ ...trx, expiration: trx.expiration + offset }, signers === undefined ? {} : { signers });
}

export function pushOpsOk(f: ChainFixture, ops: T.Operation[], signers?: string[], offset = 0): T.ProcessedTransaction {
  const r = pushOps(f, ops, signers, offset);
  if (E.isLeft(r)) throw new Error(`${r.left.exception} ${r.left.rule} at ${r.left.field}: ${r.left.message}`);
  return r.right;
}

/** The operation is refused with this exception, rule and field (relative to the operation) and the fixture's
 *  state is the very same value as before. */
export function expectOpRefused(f: ChainFixture, op: T.Operation, exception: string, rule: string, field: string, signers?: string[]): void {
  const before = f.state;
  const r = pushOps(f, [op], signers);
  expect(refusal(r)).toEqual({ exception, rule, field: field === "" ? "operations[0][1]" : `operations[0][1].${field}` });
  expect(f.state).toBe(before);
}

export interface PushOptions {
  readonly signers?: readonly string[];
  readonly skip?: number;
  /** Seconds added to the fixture's expiration, to make an otherwise identical transaction new. */
  readonly expirationOffset?: number;
}

/**
 * The fixture with an accepted transaction folded into the head state at once (as if its block were made;
 * it is evaluated at the head block time exactly as in the next block), so blocks the fixture then
 * generates build on it.
 */
export class Chain {
  readonly f: ChainFixture;
  constructor(genesis?: T.GenesisStateType) {
    this.f = genesis === undefined ? ChainFixture.create() : ChainFixture.create(genesis);
    // Block 1 ran maintenance, after which the next slot is maintenance_skip_slots later: one more block
    // makes every following slot block_interval apart.
    this.f.generateBlock();
  }

  push(input: T.Operation[] | T.SignedTransaction, options: PushOptions = {}): E.Either<ChainError, T.ProcessedTransaction> {
    const f = this.f;
    let trx = Array.isArray(input) ? f.transaction(f.withFees(input)) : input;
    trx = { ...trx, expiration: trx.expiration + (options.expirationOffset ?? 0) };
    const signers = options.signers ?? [];
    if (signers.length > 0) {
      const signed = signTransaction({ ...trx, signatures: [] }, f.chainId, signers.map((s) => secretFromSeed(s)));
      if (E.isLeft(signed)) throw new Error(signed.left.message);
      trx = signed.right;
    }
    const r = applyTransaction(f.state, trx, { skip: options.skip ?? (signers.length > 0 ? SKIP.nothing : SKIP_ALL) });
    if (E.isLeft(r)) return r;
    f.state = r.right.state;
    f.head = r.right.state;
    f.pending = [];
    return E.right(r.right.result);
  }

  pushOk(input: T.Operation[] | T.SignedTransaction, options: PushOptions = {}): T.ProcessedTransaction {
    const r = this.push(input, options);
    if (E.isLeft(r)) throw new Error(`${r.left.exception} ${r.left.rule} at ${r.left.field}: ${r.left.message}`);
    return r.right;
  }

  /** The single operation result of an accepted one-operation transaction. */
  result(op: T.Operation, options: PushOptions = {}): T.OperationResult {
    return this.pushOk([op], options).operation_results[0]!;
  }

  /** A direct db.modify on the head state, as bitshares-core's tests do. */
  modify<O extends { id: string }>(id: string, change: (o: O) => O): void {
    const s = new Session(this.f.head);
    s.modify<O>(id, change);
    this.f.head = s.db;
    this.f.state = s.db;
  }

  /** The transaction is refused as `expected` and the state is the very same value as before. */
  expectRefused(input: T.Operation[] | T.SignedTransaction, expected: Refusal, options: PushOptions = {}): void {
    const before = this.f.state;
    const r = this.push(input, options);
    expect(refusal(r)).toEqual(expected);
    expect(this.f.state).toBe(before);
  }

  generateBlock(): void {
    this.f.generateBlock();
  }

  /** generate_blocks(time): the next block, then one at the last slot at or before `time`. */
  generateBlocksUntil(time: number): void {
    this.f.generateBlocksUntil(time);
  }

  now(): number {
    return this.f.now();
  }
  get<O>(id: string): O {
    return this.f.get<O>(id);
  }
  find<O>(id: string): O | undefined {
    return this.f.find<O>(id);
  }
  balance(account: string, assetId = "1.3.0"): bigint {
    return this.f.balance(account, assetId);
  }
  stats(account: string): T.AccountStatisticsObject {
    return this.get(this.get<T.AccountObject>(account).statistics);
  }

  /** database_fixture::create_account(name, key): registered by the committee account, keyed by
   *  sha256(name). Returns the account id. */
  createAccount(name: string): string {
    const key = publicKeyOfSeed(name);
    const auth = (w: number): T.Authority => ({ weight_threshold: w, account_auths: [], key_auths: [[key, w]], address_auths: [] });
    const r = this.result([5, {
      fee: core(0), registrar: "1.2.0", referrer: "1.2.0", referrer_percent: 0, name, owner: auth(123), active: auth(321),
      options: { memo_key: key, voting_account: "1.2.5", num_witness: 0, num_committee: 0, votes: [], extensions: [] }, extensions: {},
    }]);
    return r[1] as string;
  }

  transfer(from: string, to: string, amount: T.Asset): void {
    this.pushOk([[0, { fee: core(0), from, to, amount, extensions: [] }]]);
  }

  /** database_fixture::create_user_issued_asset(symbol, issuer, flags): precision 2, CER 1:1 with core. */
  createUia(symbol: string, issuer: string, flags = 0, whitelist: string[] = []): string {
    const r = this.result([10, {
      fee: core(0), issuer, symbol, precision: 2, is_prediction_market: false, extensions: [],
      common_options: {
        max_supply: 1000000000000000n, market_fee_percent: 0, max_market_fee: 1000000000000000n, issuer_permissions: 0x4f, flags,
        core_exchange_rate: { base: core(1), quote: asset(1, "1.3.1") },
        whitelist_authorities: whitelist, blacklist_authorities: [], whitelist_markets: [], blacklist_markets: [], description: "", extensions: {},
      },
    }]);
    return r[1] as string;
  }

  issue(to: string, amount: T.Asset): void {
    const issuer = this.get<T.AssetObject>(amount.asset_id).issuer;
    this.pushOk([[14, { fee: core(0), issuer, asset_to_issue: amount, issue_to_account: to, extensions: [] }]]);
  }

  upgradeToLifetime(account: string): void {
    this.pushOk([[8, { fee: core(0), account_to_upgrade: account, upgrade_to_lifetime_member: true, extensions: [] }]]);
  }

  /** account_whitelist_operation with white_listed (1). */
  whitelist(authorizing: string, account: string, listing = 1): void {
    this.pushOk([[7, { fee: core(0), authorizing_account: authorizing, account_to_list: account, new_listing: listing, extensions: [] }]]);
  }
}
