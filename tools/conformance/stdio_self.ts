// The reference responder of the conformance stdio protocol (spec/conformance/README.md), answering with
// btsref itself: one JSON request per line on stdin, one JSON answer per line on stdout.
//   npx btsref conformance run --target "stdio:npx tsx tools/conformance/stdio_self.ts"
import { createInterface } from "node:readline";
import { parseJson } from "../../src/codec/json-text.js";
import { answer, type Request } from "../../src/conformance/replay.js";

const write = (o: unknown) => process.stdout.write(JSON.stringify(o, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v)) + "\n");

createInterface({ input: process.stdin }).on("line", (line) => {
  if (line.trim() === "") return;
  const parsed = parseJson(line);
  if (parsed._tag === "Left") return write({ id: null, error: `not JSON: ${parsed.left.message}` });
  const req = parsed.right as unknown as Request;
  write({ id: req.id, ...answer(req) });
});
