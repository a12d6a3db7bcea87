// Worker of tools/bench/sig.ts: recovers the same signature `count` times with one backend, after a
// warm-up, when the main thread says go.
import { parentPort, workerData } from "node:worker_threads";
import { recoverCompact } from "../../src/crypto/ecdsa.js";
import { useBackend, type BackendName } from "../../src/crypto/secp256k1.js";

const { backend, signature, digest, count } = workerData as { backend: BackendName; signature: Uint8Array; digest: Uint8Array; count: number };
useBackend(backend);
const run = (n: number) => {
  for (let i = 0; i < n; i++) if (recoverCompact(signature, digest)._tag !== "Right") throw new Error("recovery failed");
};
run(Math.min(count, 1000));
parentPort!.once("message", () => {
  run(count);
  parentPort!.postMessage("done");
});
parentPort!.postMessage("ready");
