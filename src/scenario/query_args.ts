// Parameters of the queries (queries*.ts), which the node's database_api serves too: read as database_api's
// C++ signatures type them (fc::variant::as<std::string>, as<vector<...>>), so a parameter of the wrong
// kind is a typed invalid_arg_exception naming it, not a JavaScript exception.
import { either as E } from "fp-ts";
import type { Json } from "../codec/index.js";
import { chainError, type ChainError } from "../protocol/errors.js";

const kind = (v: Json | undefined): string =>
  v === undefined ? "nothing" : v === null ? "null" : Array.isArray(v) ? "an array" : typeof v === "object" ? "an object" : `${typeof v} ${JSON.stringify(v).slice(0, 40)}`;

const refused = (field: string, what: string, v: Json | undefined): E.Either<ChainError, never> =>
  E.left(chainError("invalid_arg_exception", "query.from_json", field, `${field} must be ${what}, got ${kind(v)}`));

/** A string parameter: an id, a name or a symbol. */
export function textArg(v: Json | undefined, field: string): E.Either<ChainError, string> {
  return typeof v === "string" ? E.right(v) : refused(field, "a string", v);
}

/** A list of strings; an absent parameter is `absent` when given (an optional list), refused otherwise. */
export function textsArg(v: Json | undefined, field: string, absent?: readonly string[]): E.Either<ChainError, string[]> {
  if ((v === undefined || v === null) && absent !== undefined) return E.right([...absent]);
  if (!Array.isArray(v)) return refused(field, "a list of strings", v);
  const i = v.findIndex((x) => typeof x !== "string");
  return i < 0 ? E.right(v as string[]) : refused(`${field}[${i}]`, "a string", v[i]);
}
