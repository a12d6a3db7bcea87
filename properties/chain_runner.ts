// Runs the steps of properties/chain_world.ts on a copy of the world and checks the chain's invariants after
// each: supplies (properties/chain_supply.ts), no negative holding, no dangling reference
// (properties/chain_references.ts); and around every push, that the state pushed onto is left as it was,
// that a refusal leaves the fixture's state as it was, that a transaction lacking a required signature is
// refused (properties/chain_signers.ts) with a missing-authority error when it is otherwise valid, and that
// nothing throws where bitshares-core would refuse.
import { either as E } from "fp-ts";
import type * as T from "../generated/native-types.js";
import type { ChainError } from "../src/protocol/errors.js";
import type { ChainFixture } from "../src/scenario/fixture.js";
import { crossedMarkets, pendingMarginCalls } from "./chain_market.js";
import { BUILDERS, type RunMemory, Rand, dyn, uias } from "./chain_builders.js";
import { danglingReferences } from "./chain_references.js";
import { MISSING_AUTH_EXCEPTIONS, definitelyUnsatisfied, requiredKeys, seedOf } from "./chain_signers.js";
import { freezeObjects, snapshot, snapshotDifference } from "./chain_state.js";
import { negativeHoldings, supplyViolations } from "./chain_supply.js";
import { CORE, type SigMode, type Step, WORLD_PREIMAGE, WORLD_PREIMAGE_SHA256, type WorldOp, cloneFixture, core } from "./chain_world.js";

export class InvariantViolation extends Error {}

export interface OpStats {
  tried: number;
  accepted: number;
}

/** One run: a fixture and what the steps remember (HTLC preimages, name counter, a log for reports). */
export class World implements RunMemory {
  counter = 0;
  private pushes = 0;
  readonly preimages = new Map<string, string>([[WORLD_PREIMAGE_SHA256, WORLD_PREIMAGE]]);
  readonly log: string[] = [];

  constructor(readonly f: ChainFixture, readonly stats: Map<string, OpStats> = new Map()) {
    freezeObjects(f.state);
  }

  /** Fees set from the schedule; operations whose fee asset is unknown keep their fee. */
  withFees(ops: T.Operation[]): T.Operation[] {
    return ops.map((op) => {
      try {
        return this.f.withFees([op])[0]!;
      } catch {
        return op;
      }
    });
  }

  private fail(what: string): never {
    throw new InvariantViolation(`${what}\nsteps:\n${this.log.join("\n")}`);
  }

  /** The state invariants: supplies, no negative holding, no dangling reference. */
  checkState(when: string): void {
    const db = this.f.state;
    const problems = [
      ...supplyViolations(db), ...negativeHoldings(db), ...danglingReferences(db).map((d) => `dangling reference ${d}`),
      ...crossedMarkets(db), ...pendingMarginCalls(db),
    ];
    if (problems.length > 0) this.fail(`after ${when}:\n  ${problems.join("\n  ")}`);
  }

  private count(kind: string, accepted: boolean): void {
    const s = this.stats.get(kind) ?? { tried: 0, accepted: 0 };
    s.tried++;
    if (accepted) s.accepted++;
    this.stats.set(kind, s);
  }

  /** Pushes `trx` signed by `seeds` (every check made): a refusal must leave the state as it was. */
  private push(trx: T.SignedTransaction, seeds: readonly string[]): E.Either<ChainError, T.ProcessedTransaction> {
    const before = this.f.state;
    const shot = snapshot(before);
    let r: E.Either<ChainError, T.ProcessedTransaction>;
    try {
      r = this.f.push(trx, { signers: seeds, skip: 0 });
    } catch (e) {
      // bitshares-core refuses a transaction whatever its evaluation throws (an fc::exception unwinds the
      // undo session); btsref must return that as a refusal, never throw.
      this.log.push(`  pushing ${stringify(trx.operations)}`);
      return this.fail(`pushing a transaction threw ${(e as Error).constructor.name}: ${(e as Error).message}`);
    }
    // The state pushed onto stays what it was either way (it is a value); after a refusal it is still the
    // fixture's state.
    const changed = snapshotDifference(shot, snapshot(before));
    if (changed !== undefined) this.fail(`a${E.isLeft(r) ? " refused" : "n accepted"} transaction changed the state it was pushed onto: ${changed}`);
    if (E.isLeft(r) && this.f.state !== before) this.fail("a refused transaction replaced the fixture's state");
    return r;
  }

  /** A transaction of `ops`, signed as `sig` says, with the missing-signature check when asked. */
  pushOps(ops: T.Operation[], sig: SigMode, label: string): boolean {
    const base = this.f.transaction(ops);
    // A distinct expiration per push keeps identical operations from being duplicate transactions.
    const trx: T.SignedTransaction = { ...base, expiration: base.expiration + (this.pushes++ % 3000) };
    const keys = requiredKeys(this.f.state, ops) ?? [];
    let dropped: ChainError | undefined;
    if (sig.mode === "drop" && keys.length > 0) {
      const k = keys[sig.k % keys.length]!;
      const rest = keys.filter((x) => x !== k);
      if (definitelyUnsatisfied(this.f.state, ops, rest)) {
        const r = this.push(trx, rest.map(seedOf));
        if (E.isRight(r)) this.fail(`${label}: accepted without the signature of ${seedOf(k)}, which a required authority needs`);
        dropped = r.left;
      }
    }
    const seeds = sig.mode === "any" ? sig.seeds : keys.map(seedOf);
    const r = this.push(trx, seeds);
    this.log.push(`  ${label} signed (${sig.mode}) by [${seeds.join(",")}]${dropped ? ` (first without one key: ${dropped.exception})` : ""}: ${E.isLeft(r) ? `${r.left.exception} ${r.left.rule}` : "accepted"}`);
    if (E.isRight(r) && dropped !== undefined && !MISSING_AUTH_EXCEPTIONS.includes(dropped.exception)) {
      this.fail(`${label}: without one required signature it was refused with ${dropped.exception} ${dropped.rule}, not a missing authority, yet it is valid when signed`);
    }
    return E.isRight(r);
  }

  step(step: Step): void {
    const debtsBefore = this.callDebts();
    try {
      this.apply(step);
    } catch (e) {
      if (e instanceof InvariantViolation) throw e;
      this.fail(`${step.kind} threw ${(e as Error).constructor.name}: ${(e as Error).message}`);
    }
    freezeObjects(this.f.state);
    this.checkState(step.kind);
    this.countMarketFills(step, debtsBefore);
  }

  /** The debt of every call order, by id. */
  private callDebts(): Map<string, bigint> {
    return new Map([...this.f.state.all<T.CallOrderObject>(1, 8)].map((c) => [c.id, c.debt]));
  }

  /** A position whose debt the market bought back (a margin call, a force or global settlement): its debt
   *  fell in a step that did not update it with call_order_update. */
  private countMarketFills(step: Step, before: Map<string, bigint>): void {
    const updated = step.kind === "ops" && step.ops.some((o) => o.op === "call_order_update");
    if (updated) return;
    const after = this.callDebts();
    for (const [id, debt] of before) {
      if ((after.get(id) ?? 0n) < debt) {
        this.count("position filled by the market", true);
        return;
      }
    }
  }

  private apply(step: Step): void {
    const f = this.f;
    switch (step.kind) {
      case "block":
        this.log.push("  generate_block");
        f.generateBlock();
        break;
      case "maintenance":
        this.log.push(`  generate_blocks until next maintenance ${f.dgpo().next_maintenance_time}`);
        f.generateBlocksUntil(f.dgpo().next_maintenance_time);
        break;
      case "advance":
        this.log.push(`  generate_blocks until now + ${step.seconds}`);
        f.generateBlocksUntil(f.now() + step.seconds);
        break;
      case "random": {
        const op = step.setFee ? this.withFees([[step.op[0], { ...step.op[1], fee: core(0n) }] as T.Operation])[0]! : step.op;
        const ok = this.pushOps([op], step.sig, `random op ${op[0]} ${stringify(op)}`);
        this.count(`random:${op[0]}`, ok);
        break;
      }
      case "ops": {
        const ops: T.Operation[] = [];
        const kinds: WorldOp[] = [];
        for (const choice of step.ops) {
          const db = f.state;
          const feeAsset = choice.feeInAsset ? uias(db).find((a) => dyn(db, a).fee_pool > 0n)?.id ?? CORE : CORE;
          const op = BUILDERS[choice.op]({ db, now: f.now(), r: new Rand(choice.n), w: this, fee: { amount: 0n, asset_id: feeAsset } });
          if (op !== undefined) {
            ops.push(op);
            kinds.push(choice.op);
          }
        }
        if (ops.length === 0) return;
        const withFees = this.withFees(ops);
        const ok = this.pushOps(withFees, step.sig, `${kinds.join("+")} ${stringify(withFees)}`);
        for (const k of kinds) this.count(k, ok);
        // An approval that completed a proposal executed it (and removed it, if its operations applied).
        for (const op of withFees) if (ok && op[0] === 23 && f.find(op[1].proposal) === undefined) this.count("proposal executed", true);
        break;
      }
    }
  }
}

export const stringify = (v: unknown): string => JSON.stringify(v, (_, x) => (typeof x === "bigint" ? `${x}n` : x));

/** Runs `steps` on a fresh copy of `template`, checking every invariant after each step. */
export function runSteps(template: ChainFixture, steps: readonly Step[], stats?: Map<string, OpStats>): World {
  const w = new World(cloneFixture(template), stats);
  w.checkState("setup");
  for (const s of steps) w.step(s);
  return w;
}
