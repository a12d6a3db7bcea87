// sign_state (protocol/transaction.cpp): which authorities a set of signing keys satisfies, remembering
// which keys it used and which accounts it found approved. Its decisions depend on the order it visits
// things in, so this follows the C++ step by step: keys before addresses before accounts, each container
// in its flat_map order, stopping as soon as the threshold is reached, approvals cached across checks.
import { either as E } from "fp-ts";
import type { Authority } from "../../../generated/native-types.js";
import { bytesToHex, hexToBytes } from "../../codec/hex.js";
import { addressOfPts, ptsAddressOf } from "../../crypto/keys.js";
import { TEMP_ACCOUNT } from "../config.js";
import { chainError, type ChainError } from "../errors.js";
import { keyAddress } from "./ordering.js";
import type { AuthorityLookup } from "./types.js";

/** A failed lookup, unwinding to the public function that started the check (which returns it as Left). */
export class LookupFailure {
  constructor(readonly error: ChainError) {}
}

/** Runs `f`, turning a LookupFailure raised inside into a Left. */
export function catchLookupFailure<T>(f: () => E.Either<ChainError, T>): E.Either<ChainError, T> {
  try {
    return f();
  } catch (e) {
    if (e instanceof LookupFailure) return E.left(e.error);
    throw e;
  }
}

const unwrap = (r: E.Either<ChainError, Authority | undefined>): Authority | undefined => {
  if (E.isLeft(r)) throw new LookupFailure(r.left);
  return r.right;
};

/**
 * The five addresses sign_state matches an address authority against for one key: the PTS addresses
 * (version 56 and 0, uncompressed and compressed key) and the graphene address. Building them needs the
 * key as a curve point: fc's serialize_ecc_point asserts on a key that is not one.
 */
function addressesOf(key: string): string[] {
  const bytes = hexToBytes(key);
  const out: string[] = [];
  for (const [compressed, version] of [[false, 56], [true, 56], [false, 0], [true, 0]] as const) {
    const pts = ptsAddressOf(bytes, compressed, version);
    if (E.isLeft(pts) || bytes.every((b) => b === 0))
      throw new LookupFailure(chainError("assert_exception", "sign_state.key_is_point", "", `public key ${key} is not a point of secp256k1, so it has no PTS address`));
    out.push(bytesToHex(addressOfPts(pts.right)));
  }
  out.push(keyAddress(key));
  return out;
}

export class SignState {
  /** provided_signatures: each signing key and whether a check used it. */
  readonly provided = new Map<string, boolean>();
  /** approved_by: accounts found approved (GRAPHENE_TEMP_ACCOUNT from the start). */
  readonly approvedBy = new Set<string>([TEMP_ACCOUNT]);
  private availableAddresses: Map<string, string> | undefined;
  private providedAddresses: Map<string, string> | undefined;

  constructor(
    signingKeys: readonly string[],
    private readonly getActive: AuthorityLookup,
    private readonly getOwner: AuthorityLookup,
    private readonly allowNonImmediateOwner: boolean,
    private readonly maxRecursion: number,
    /** available_keys of get_required_signatures: keys that could sign; a check using one adds it. */
    private readonly available: ReadonlySet<string> = new Set(),
  ) {
    for (const k of signingKeys) this.provided.set(k, false);
  }

  /** get_active(id); a failing lookup unwinds as LookupFailure. */
  active(id: string): Authority | undefined {
    return unwrap(this.getActive(id));
  }

  owner(id: string): Authority | undefined {
    return unwrap(this.getOwner(id));
  }

  signedByKey(key: string): boolean {
    if (this.provided.has(key)) {
      this.provided.set(key, true);
      return true;
    }
    if (this.available.has(key)) {
      this.provided.set(key, true);
      return true;
    }
    return false;
  }

  /**
   * signed_by(address): matched against the addresses of the available and the signing keys, computed on
   * first use. When neither matches, the C++ dereferences the end iterator of provided_address_sigs
   * (undefined behaviour); this returns false, the evident intent. Address authorities cannot be created
   * on chain (account_create/account_update/custom_authority validation refuse them), so this is moot there.
   */
  signedByAddress(address: string): boolean {
    if (this.availableAddresses === undefined || this.providedAddresses === undefined) {
      const available = new Map<string, string>();
      const provided = new Map<string, string>();
      for (const k of this.available) for (const a of addressesOf(k)) available.set(a, k);
      for (const k of this.provided.keys()) for (const a of addressesOf(k)) provided.set(a, k);
      this.availableAddresses = available;
      this.providedAddresses = provided;
    }
    const byProvided = this.providedAddresses.get(address);
    if (byProvided !== undefined) {
      this.provided.set(byProvided, true);
      return true;
    }
    const byAvailable = this.availableAddresses.get(address);
    if (byAvailable !== undefined && this.available.has(byAvailable)) {
      this.provided.set(byAvailable, true);
      return true;
    }
    return false;
  }

  /** check_authority(account_id_type): approved already, or its active (or, if allowed, its owner) authority. */
  checkAccount(id: string): boolean {
    if (this.approvedBy.has(id)) return true;
    return this.checkAuthority(this.active(id)) || (this.allowNonImmediateOwner && this.checkAuthority(this.owner(id)));
  }

  /**
   * check_authority(const authority*, depth): keys, then addresses, then accounts, in container order,
   * true as soon as the weights reach the threshold. An account not yet approved counts when its active
   * (or, if allowed, its owner) authority is satisfied one level deeper; at max_recursion accounts are
   * not explored. Weights sum in a uint32_t.
   */
  checkAuthority(auth: Authority | undefined, depth = 0): boolean {
    if (auth === undefined) return false;
    const threshold = auth.weight_threshold;
    let total = 0;
    for (const [key, weight] of auth.key_auths)
      if (this.signedByKey(key)) {
        total = (total + weight) >>> 0;
        if (total >= threshold) return true;
      }
    for (const [address, weight] of auth.address_auths)
      if (this.signedByAddress(address)) {
        total = (total + weight) >>> 0;
        if (total >= threshold) return true;
      }
    for (const [account, weight] of auth.account_auths) {
      if (!this.approvedBy.has(account)) {
        if (depth === this.maxRecursion) continue;
        if (
          this.checkAuthority(this.active(account), depth + 1) ||
          (this.allowNonImmediateOwner && this.checkAuthority(this.owner(account), depth + 1))
        ) {
          this.approvedBy.add(account);
          total = (total + weight) >>> 0;
          if (total >= threshold) return true;
        }
      } else {
        total = (total + weight) >>> 0;
        if (total >= threshold) return true;
      }
    }
    return total >= threshold;
  }

  /** remove_unused_signatures: drops the keys no check used and returns them (in the order given). */
  removeUnusedSignatures(): string[] {
    const unused = [...this.provided].filter(([, used]) => !used).map(([k]) => k);
    for (const k of unused) this.provided.delete(k);
    return unused;
  }
}
