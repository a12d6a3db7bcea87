// Credit offer queries a scenario may make (database_api get_credit_offers ...).
import type { either as E } from "fp-ts";
import type { Json } from "../codec/index.js";
import type { Database } from "../db/database.js";
import type { ChainError } from "../protocol/errors.js";

type Handler = (db: Database, params: readonly Json[]) => E.Either<ChainError, Json>;

export const CREDIT_QUERIES: Readonly<Record<string, Handler>> = {};
