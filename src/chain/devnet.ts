// The embedded default genesis: what bitshares-core's witness_node starts from without a genesis file for
// a private chain (create_example_genesis in libraries/app/application.cpp): eleven witnesses and committee
// members init0..init10, lifetime members, and the whole core supply claimable by "nathan", all keyed by
// sha256("nathan") (WIF 5KQwrPbwdL6PhXujxW37FSSQZ1JiwsST4cqQzDeyXtP79zkvFD3), with the default fee
// schedule. bitshares-core stamps it with the current time; btsref fixes the time so that the genesis,
// and so the chain id (sha256 of its JSON text, as for a genesis file), is the same everywhere.
import { either as E } from "fp-ts";
import type * as T from "../../generated/native-types.js";
import { bytesToHex } from "../codec/hex.js";
import { addressOf, publicKeyOf, secretFromSeed } from "../crypto/keys.js";
import { DEFAULT_MIN_COMMITTEE_MEMBER_COUNT, DEFAULT_MIN_WITNESS_COUNT, MAX_SHARE_SUPPLY, SYMBOL } from "../protocol/config.js";
import { defaultFeeSchedule } from "../protocol/fees/index.js";
import { defaultChainParameters } from "./defaults.js";

/** 2026-01-01T00:00:00: a multiple of the block interval, as bitshares-core rounds the time it uses. */
export const DEVNET_TIMESTAMP = 1767225600;

/** The private key every devnet authority uses: sha256("nathan"). */
export const DEVNET_SECRET: Uint8Array = secretFromSeed("nathan");

export function devnetGenesis(timestamp = DEVNET_TIMESTAMP): T.GenesisStateType {
  const publicKey = E.getOrElseW(() => { throw new Error("sha256(\"nathan\") is a valid secret"); })(publicKeyOf(DEVNET_SECRET));
  const key = bytesToHex(publicKey);
  const names = Array.from({ length: DEFAULT_MIN_WITNESS_COUNT }, (_, i) => `init${i}`);
  return {
    initial_timestamp: timestamp,
    max_core_supply: MAX_SHARE_SUPPLY,
    initial_parameters: defaultChainParameters(defaultFeeSchedule()),
    initial_accounts: [
      ...names.map((name) => ({ name, owner_key: key, active_key: key, is_lifetime_member: true })),
      { name: "nathan", owner_key: key, active_key: key, is_lifetime_member: false },
    ],
    initial_assets: [],
    initial_balances: [{ owner: bytesToHex(addressOf(publicKey)), asset_symbol: SYMBOL, amount: MAX_SHARE_SUPPLY }],
    initial_vesting_balances: [],
    initial_active_witnesses: BigInt(DEFAULT_MIN_WITNESS_COUNT),
    initial_witness_candidates: names.map((owner_name) => ({ owner_name, block_signing_key: key })),
    initial_committee_candidates: names.map((owner_name) => ({ owner_name })),
    initial_worker_candidates: [],
    immutable_parameters: {
      min_committee_member_count: DEFAULT_MIN_COMMITTEE_MEMBER_COUNT, min_witness_count: DEFAULT_MIN_WITNESS_COUNT,
      num_special_accounts: 0, num_special_assets: 0,
    },
  };
}
