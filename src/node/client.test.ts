// A real client against the node: npm bitsharesjs-ws connects to the API, bitsharesjs's TransactionBuilder
// builds, fees (get_required_fees), references (get_objects 2.1.0), signs and broadcasts a balance claim
// and a transfer with a callback; the node's witness produces the blocks (on a test clock) and the client
// sees the transfer in a block and in the balances.
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type * as T from "../../generated/native-types.js";
import { DEVNET_SECRET, devnetGenesis } from "../chain/devnet.js";
import { slotTime } from "../chain/index.js";
import { formatWif } from "../crypto/keys.js";
import { databaseApi, loginApi, networkBroadcastApi } from "./apis.js";
import { Node } from "./node.js";
import { RpcServer } from "./rpc.js";
import { MemoryBlockStore } from "./store.js";

const require = createRequire(import.meta.url);
/* eslint-disable @typescript-eslint/no-explicit-any */
const { Apis, ChainConfig } = require("bitsharesjs-ws") as any;
const { TransactionBuilder, PrivateKey } = require("bitsharesjs") as any;

let now = 0;
let node: Node;
let server: RpcServer;

/** The witness produces the next block at its slot time. */
async function produce(): Promise<T.SignedBlock> {
  now = slotTime(node.chain.head, 1) * 1000;
  const r = await node.maybeProduce(now);
  if (r.block === undefined) throw new Error(`no block: ${r.condition} ${r.detail ?? ""}`);
  return r.block;
}

/** Broadcasts with bitsharesjs (callback form) and produces blocks until the callback came. */
async function broadcast(tr: any): Promise<any> {
  let done = false;
  const pending = tr.broadcast().then((r: unknown) => {
    done = true;
    return r;
  });
  while (node.chain.pending.size === 0 && !done) await new Promise((r) => setTimeout(r, 20));
  while (!done) {
    await produce();
    await new Promise((r) => setTimeout(r, 50));
  }
  return pending;
}

beforeAll(async () => {
  node = await Node.open({ genesis: devnetGenesis(), store: new MemoryBlockStore(), witnessKeys: [DEVNET_SECRET], clock: () => now });
  server = await RpcServer.listen({ port: 0, apis: { login: loginApi(), database: databaseApi(node), network_broadcast: networkBroadcastApi(node) } });
  await produce();
  await Apis.instance(`ws://127.0.0.1:${server.port}`, true).init_promise;
  // The devnet's chain id is not one bitsharesjs knows: keys are BTS-prefixed as on the devnet.
  ChainConfig.setPrefix("BTS");
}, 60_000);

afterAll(async () => {
  await Apis.close();
  await server.close();
  await node.close();
});

describe("bitsharesjs as a client of the node", () => {
  it("claims nathan's genesis balance and transfers to init0 with TransactionBuilder; the transfer is in a block and in the balances", async () => {
    const db = Apis.instance().db_api();
    expect(Apis.instance().chain_id).toBe(node.chainId);
    const nathan = await db.exec("get_account_by_name", ["nathan"]);
    const init0 = await db.exec("get_account_by_name", ["init0"]);
    const key = PrivateKey.fromWif(formatWif(DEVNET_SECRET));
    const pub = key.toPublicKey().toPublicKeyString("BTS");
    const [balance] = await db.exec("get_objects", [["1.15.0"]]);
    expect(balance.balance.amount).toBe("1000000000000000");

    const claim = new TransactionBuilder();
    claim.add_type_operation("balance_claim", {
      fee: { amount: 0, asset_id: "1.3.0" }, deposit_to_account: nathan.id, balance_to_claim: "1.15.0", balance_owner_key: pub,
      total_claimed: { amount: balance.balance.amount, asset_id: "1.3.0" },
    });
    await claim.set_required_fees();
    claim.add_signer(key, pub);
    await broadcast(claim);

    const transfer = { fee: { amount: 0, asset_id: "1.3.0" }, from: nathan.id, to: init0.id, amount: { amount: 123456, asset_id: "1.3.0" } };
    const [fee] = await db.exec("get_required_fees", [[[0, { ...transfer, extensions: [] }]], "1.3.0"]);
    // The default fee schedule's transfer fee (20 BTS) with no memo, as bitshares-core charges it.
    expect(fee).toEqual({ amount: 2000000, asset_id: "1.3.0" });
    const tr = new TransactionBuilder();
    tr.add_type_operation("transfer", transfer);
    await tr.set_required_fees();
    tr.add_signer(key, pub);
    const [included] = await broadcast(tr);
    expect(included.trx.operations[0][1].amount).toEqual({ amount: 123456, asset_id: "1.3.0" });

    const block = await db.exec("get_block", [included.block_num]);
    expect(block.transactions[included.trx_num].operations[0][1].to).toBe(init0.id);
    const [received] = await db.exec("get_account_balances", [init0.id, ["1.3.0"]]);
    expect(received).toEqual({ amount: 123456, asset_id: "1.3.0" });
    const [left] = await db.exec("get_named_account_balances", ["nathan", ["1.3.0"]]);
    expect(BigInt(left.amount)).toBe(1000000000000000n - 123456n - 2000000n);
  }, 60_000);
});
