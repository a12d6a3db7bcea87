// A Stryker ignorer (stryker.config.mjs `ignorers`): mutants inside the human-readable message of an error
// are not tested. Messages are prose for people; the tests pin the error's kind (exception, rule, field,
// path), which mutants of the code around them still have to keep. Ignored here:
// - the last argument of an error builder (fail, assertFail, cryptoError, bad, CodecFailure), when the
//   call has at least two arguments (the first ones are the rule and field, still mutated);
// - the message of new Error/RangeError/TypeError (thrown on programming errors only);
// - the value of an object property named `message`.
// Only string-valued expressions are ignored (literals, templates, concatenations), never other code.
import { PluginKind, declareValuePlugin } from "@stryker-mutator/api/plugin";

const BUILDERS = new Set(["fail", "assertFail", "cryptoError", "bad", "CodecFailure"]);
const ERRORS = new Set(["Error", "RangeError", "TypeError"]);

const isStringExpression = (node) =>
  node.type === "StringLiteral" || node.type === "TemplateLiteral" || (node.type === "BinaryExpression" && node.operator === "+" && (isStringExpression(node.left) || isStringExpression(node.right)));

function isMessage(path) {
  if (!isStringExpression(path.node)) return false;
  const parent = path.parentPath;
  if (!parent) return false;
  if (parent.isObjectProperty() && path.key === "value") {
    const key = parent.node.key;
    return !parent.node.computed && ((key.type === "Identifier" && key.name === "message") || (key.type === "StringLiteral" && key.value === "message"));
  }
  if ((parent.isCallExpression() || parent.isNewExpression()) && path.listKey === "arguments") {
    const callee = parent.node.callee;
    if (callee.type !== "Identifier") return false;
    const args = parent.node.arguments;
    if (BUILDERS.has(callee.name)) return args.length >= 2 && path.key === args.length - 1;
    if (ERRORS.has(callee.name)) return path.key === 0;
  }
  return false;
}

export const strykerPlugins = [
  declareValuePlugin(PluginKind.Ignore, "error-messages", {
    shouldIgnore: (path) => (isMessage(path) ? "an error message: prose, not behaviour (bench/MUTATION.md)" : undefined),
  }),
];
