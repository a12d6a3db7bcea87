// btsref devnet: a local chain on the embedded default genesis (src/chain/devnet.ts), run in memory until
// the node (P2P and API) exists. The witnesses produce blocks in their scheduled slots, signed with the
// devnet key; nathan claims the genesis balance, becomes a lifetime member, registers alice and pays her,
// every transaction signed and fully checked. One JSON line per block, then the balances.
import { either as E } from "fp-ts";
import type * as T from "../../generated/native-types.js";
import { bytesToHex } from "../codec/hex.js";
import { referenceBlock } from "../crypto/digests.js";
import { publicKeyOf, secretFromSeed } from "../crypto/keys.js";
import { signTransaction } from "../crypto/transaction.js";
import { DEVNET_SECRET, devnetGenesis } from "../chain/devnet.js";
import { genesisChainId, genesisText } from "../chain/genesis.js";
import { type ChainState, SKIP, generateBlock, genesisState, pushTransaction, scheduledWitness, slotTime } from "../chain/index.js";
import { MAX_SHARE_SUPPLY } from "../protocol/config.js";
import type { ChainError } from "../protocol/errors.js";
import { setFee } from "../protocol/fees/index.js";
import { toJson, type Json } from "../codec/index.js";
import { stringifyJson } from "../codec/json-text.js";
import { CliError } from "./io.js";

export const DEVNET_USAGE = `  btsref devnet [--blocks N] [--genesis]                            a local chain on the embedded default genesis (--genesis: print it)`;

const must = <R>(r: E.Either<ChainError | { message: string }, R>): R => {
  if (E.isLeft(r)) throw new CliError(`devnet: ${"rule" in r.left ? `${(r.left as ChainError).rule}: ` : ""}${r.left.message}`, 1);
  return r.right;
};

const keyOf = (secret: Uint8Array): string => bytesToHex(must(publicKeyOf(secret)));
const core = (amount: bigint): T.Asset => ({ amount, asset_id: "1.3.0" });

class Devnet {
  head: ChainState;
  pending: T.SignedTransaction[] = [];
  state: ChainState;

  constructor(readonly chainId: string, genesis: T.GenesisStateType) {
    this.head = must(genesisState(genesis, chainId));
    this.state = this.head;
  }

  private dgpo(s: ChainState): T.DynamicGlobalPropertyObject {
    return s.find<T.DynamicGlobalPropertyObject>("2.1.0")!;
  }

  /** A transaction with fees from the current schedule, referring to the head block, signed and pushed. */
  push(operations: T.Operation[], secrets: Uint8Array[]): void {
    const gpo = this.state.find<T.GlobalPropertyObject>("2.0.0")!;
    const ops = operations.map((op) => must(setFee(op, gpo.parameters.current_fees)).op);
    const d = this.dgpo(this.state);
    const trx: T.SignedTransaction = { ...referenceBlock(d.head_block_id), expiration: d.time + 60, operations: ops, extensions: [], signatures: [] };
    const signed = must(signTransaction({ ...trx } as unknown as Record<string, unknown>, this.chainId, secrets)) as unknown as { signatures: string[] };
    const full = { ...trx, signatures: signed.signatures };
    this.state = must(pushTransaction(this.state, full, { skip: SKIP.nothing })).state;
    this.pending.push(full);
  }

  /** The witness scheduled in the next slot produces a block of the pending transactions. */
  produce(): Json {
    const when = slotTime(this.head, 1);
    const witness = scheduledWitness(this.head, 1);
    const r = must(generateBlock(this.head, this.pending, { when, witness, signingKey: DEVNET_SECRET }));
    this.head = r.state;
    this.state = r.state;
    this.pending = [];
    const d = this.dgpo(this.head);
    return { block_num: d.head_block_number, block_id: d.head_block_id, witness, timestamp: must(toJson("time_point_sec", r.block.timestamp)), transactions: r.block.transactions.length };
  }

  idOf(name: string): string {
    const a = this.state.findUnique<T.AccountObject>(1, 2, "by_name", [name]);
    if (a === undefined) throw new CliError(`devnet: no account ${name}`, 1);
    return a.id;
  }

  balance(name: string): Json {
    const a = this.head.findUnique<T.AccountObject>(1, 2, "by_name", [name]);
    const b = a === undefined ? undefined : this.head.findUnique<T.AccountBalanceObject>(2, 5, "by_account_asset", [Number(a.id.split(".")[2]), 0]);
    return { account: name, id: a?.id ?? null, balance: must(toJson("share_type", b?.balance ?? 0n)) };
  }
}

export function devnetCommand(args: string[]): string {
  const genesis = devnetGenesis();
  const text = must(genesisText(genesis));
  if (args.includes("--genesis")) return text;
  const i = args.indexOf("--blocks");
  const blocks = i >= 0 ? Number(args[i + 1]) : 5;
  if (!Number.isInteger(blocks) || blocks < 3 || blocks > 100000) throw new CliError("devnet: --blocks takes an integer from 3 to 100000", 2);
  const chainId = genesisChainId(text);
  const net = new Devnet(chainId, genesis);
  const nathan = keyOf(DEVNET_SECRET);
  const alice = keyOf(secretFromSeed("alice"));
  const lines: Json[] = [{ chain_id: chainId, genesis_time: must(toJson("time_point_sec", genesis.initial_timestamp)) }];
  // balance_claim (the genesis balance of nathan's address is 1.15.0), then a block.
  const nathanId = net.idOf("nathan");
  net.push([[37, { fee: core(0n), deposit_to_account: nathanId, balance_to_claim: "1.15.0", balance_owner_key: nathan, total_claimed: core(MAX_SHARE_SUPPLY) }]], [DEVNET_SECRET]);
  lines.push(net.produce());
  net.push([[8, { fee: core(0n), account_to_upgrade: nathanId, upgrade_to_lifetime_member: true, extensions: [] }]], [DEVNET_SECRET]);
  const auth: T.Authority = { weight_threshold: 1, account_auths: [], key_auths: [[alice, 1]], address_auths: [] };
  net.push([[5, {
    fee: core(0n), registrar: nathanId, referrer: nathanId, referrer_percent: 0, name: "alice", owner: auth, active: auth,
    options: { memo_key: alice, voting_account: "1.2.5", num_witness: 0, num_committee: 0, votes: [], extensions: [] }, extensions: {},
  }]], [DEVNET_SECRET]);
  lines.push(net.produce());
  net.push([[0, { fee: core(0n), from: nathanId, to: net.idOf("alice"), amount: core(100000000n), extensions: [] }]], [DEVNET_SECRET]);
  for (let b = 2; b < blocks; b++) lines.push(net.produce());
  lines.push({ balances: [net.balance("nathan"), net.balance("alice")] });
  return lines.map((l) => stringifyJson(l)).join("\n");
}
