// btsref node: a node on the embedded devnet genesis (or a genesis file) producing blocks with its witness
// keys and serving bitshares-core's API over WebSocket, its blocks kept in a data directory. Runs until
// interrupted, or until --blocks blocks were produced.
import { parseArgs } from "node:util";
import { either as E } from "fp-ts";
import type * as T from "../../generated/native-types.js";
import { fromJson } from "../codec/index.js";
import { parseJson } from "../codec/json-text.js";
import { parseWif } from "../crypto/keys.js";
import { DEVNET_SECRET, devnetGenesis } from "../chain/devnet.js";
import { startNode } from "../node/run.js";
import { CliError, readInput } from "./io.js";

export const NODE_USAGE = `  btsref node [--port 8090] [--data-dir D] [--genesis FILE] [--witness-key WIF ...] [--required-participation P] [--blocks N] [--enable-subscribe-to-all]
              [--p2p-port P] [--peer HOST:PORT ...] [--enable-debug-api]
                                                                     a node: block production, the WebSocket API, peers`;

function genesisFrom(file: string | undefined): T.GenesisStateType {
  if (file === undefined) return devnetGenesis();
  const json = parseJson(readInput(file));
  if (E.isLeft(json)) throw new CliError(`node: ${file}: ${json.left.message}`, 2);
  const g = fromJson("genesis_state_type", json.right);
  if (E.isLeft(g)) throw new CliError(`node: ${file}: ${g.left.path}: ${g.left.message}`, 2);
  return g.right as T.GenesisStateType;
}

export async function nodeCommand(args: string[]): Promise<{ out: string; exitCode: number }> {
  const { values } = parseArgs({
    args, strict: true,
    options: {
      port: { type: "string", default: "8090" }, host: { type: "string", default: "127.0.0.1" }, "data-dir": { type: "string" }, genesis: { type: "string" },
      "witness-key": { type: "string", multiple: true }, "required-participation": { type: "string", default: "0" }, blocks: { type: "string" },
      "enable-subscribe-to-all": { type: "boolean", default: false }, "enable-debug-api": { type: "boolean", default: false },
      "p2p-port": { type: "string" }, peer: { type: "string", multiple: true },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError("node: --port takes a port number", 2);
  const participation = Number(values["required-participation"]);
  if (!(participation >= 0 && participation <= 100)) throw new CliError("node: --required-participation takes a percentage from 0 to 100", 2);
  const blocks = values.blocks === undefined ? undefined : Number(values.blocks);
  if (blocks !== undefined && !(Number.isInteger(blocks) && blocks > 0)) throw new CliError("node: --blocks takes a positive integer", 2);
  const p2pPort = values["p2p-port"] === undefined ? undefined : Number(values["p2p-port"]);
  if (p2pPort !== undefined && !(Number.isInteger(p2pPort) && p2pPort >= 0 && p2pPort <= 65535)) throw new CliError("node: --p2p-port takes a port number", 2);
  const peers = values.peer ?? [];
  for (const p of peers) {
    const m = /^(.+):(\d+)$/.exec(p);
    if (m === null || Number(m[2]) < 1 || Number(m[2]) > 65535) throw new CliError(`node: --peer takes HOST:PORT, not "${p}"`, 2);
  }
  const keys = (values["witness-key"] ?? []).map((wif, i) => {
    const k = parseWif(wif);
    if (E.isLeft(k)) throw new CliError(`node: --witness-key #${i + 1}: ${k.left.message}`, 2);
    return k.right;
  });
  const genesis = genesisFrom(values.genesis);
  // The devnet's witnesses all sign with the devnet key, so a devnet node produces for all of them.
  const witnessKeys = keys.length > 0 || values.genesis !== undefined ? keys : [DEVNET_SECRET];
  const log = (line: string) => process.stderr.write(`${new Date().toISOString()} ${line}\n`);
  const running = await startNode({ enableSubscribeToAll: values["enable-subscribe-to-all"], enableDebugApi: values["enable-debug-api"], genesis, dataDir: values["data-dir"], port, host: values.host, witnessKeys, requiredParticipation: participation, p2pPort, peers, log });
  let produced = 0;
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    if (blocks !== undefined) {
      running.node.on({ block: () => {
        if (++produced >= blocks) stop();
      } });
    }
  });
  await running.stop();
  const d = running.node.chain.head.find<T.DynamicGlobalPropertyObject>("2.1.0")!;
  return { out: JSON.stringify({ head_block_number: d.head_block_number, head_block_id: d.head_block_id, last_irreversible_block_num: d.last_irreversible_block_num }), exitCode: 0 };
}
