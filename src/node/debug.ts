// The debug API (`btsref node --enable-debug-api`, off by default): test hooks for driving a node that
// produces nothing, so that conformance runners can replay a vector's pre-state on it. Named after
// bitshares-core's debug_witness plugin (login_api::debug hands it out, plugins/debug_witness/debug_api.cpp),
// but its methods are btsref's own: bitshares-core's debug_push_blocks(src_filename, count) reads blocks
// from another node's block database on the same machine, and it has no reset; here a client sends the
// block itself, and can take the node back to its genesis.
import type * as T from "../../generated/native-types.js";
import { must, read } from "./apis.js";
import type { Node } from "./node.js";
import type { Api } from "./rpc.js";

export function debugApi(node: Node): Api {
  return {
    /** debug_push_block(block): the signed block through the node's push_block, with every check (as a
     *  peer's block): applied if it extends the head, kept if it is on a fork, else refused with the
     *  chain's error (fc's error shape: name, code, btsref's rule and field). */
    debug_push_block: async ([block]) => {
      must(await node.pushBlock(read<T.SignedBlock>("signed_block", block, "block")));
      return null;
    },
    /** debug_reset_to_genesis(): the node returns to a fresh chain from its own genesis: block store,
     *  state, fork database, pending transactions and account history emptied, subscribers told of the
     *  objects that changed. */
    debug_reset_to_genesis: async () => {
      await node.resetToGenesis();
      return null;
    },
  };
}
