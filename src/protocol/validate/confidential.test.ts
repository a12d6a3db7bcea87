// confidential.cpp validate() of transfer_to_blind (39), blind_transfer (40) and transfer_from_blind (41),
// and the secp256k1-zkp pieces they use (pedersen.ts). Commitments, tallies and range-proof headers were
// computed with the secp256k1-zkp that bitshares-fc vendors (bitshares/secp256k1-zkp bd06794), through a
// throwaway C program calling secp256k1_pedersen_commit, secp256k1_pedersen_verify_tally,
// secp256k1_rangeproof_sign and secp256k1_rangeproof_info (not committed).
import { describe, expect, it } from "vitest";
import type { BlindOutput, BlindTransferOperation, TransferFromBlindOperation, TransferToBlindOperation } from "../../../generated/native-types.js";
import { bytesToHex, hexToBytes } from "../../codec/hex.js";
import { sha256 } from "../../crypto/hash.js";
import { N } from "../../crypto/secp256k1.js";
import { validateBlindTransferOperation, validateTransferFromBlindOperation, validateTransferToBlindOperation } from "./confidential.js";
import { commit, H, rangeProofInfo, verifySum } from "./pedersen.js";
import { asset, expectOk, expectRefused, KEY, keyAuthority, make } from "./test_support.js";

/** fc::sha256::hash( "literal" ): a string literal goes through fc::raw::pack( const char* ), which packs it
 *  as a std::string, so the hash covers the varint length byte too. */
const fcHashLiteral = (s: string): string => bytesToHex(sha256(Uint8Array.from([s.length, ...new TextEncoder().encode(s)])));

/** fc::ecc::blind_sum( blinds, non_neg ): the first non_neg added, the rest subtracted, modulo the order. */
function blindSum(blinds: string[], nonNeg: number): string {
  let acc = 0n;
  blinds.forEach((b, i) => (acc += i < nonNeg ? BigInt(`0x${b}`) : N - BigInt(`0x${b}`)));
  return (acc % N).toString(16).padStart(64, "0");
}

/** A range proof with the given header bytes, zero-padded to the length secp256k1_rangeproof_sign gave. */
const proof = (header: string, length: number): string => header + "00".repeat(length - header.length / 2);

describe("pedersen commitments (secp256k1-zkp)", () => {
  it("H is the point whose x is sha256 of the uncompressed generator", () => {
    const g = hexToBytes("04" + "79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798" + "483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8");
    expect(H.toAffine().x.toString(16).padStart(64, "0")).toBe(bytesToHex(sha256(g)));
    expect(commit("00".repeat(32), 1n)).toBe("0250929b74c1a04954b78b4b6035e97a5e078a5a0f28ec96d547bfee9ace803ac0");
  });

  it("fc::sha256::hash of a literal hashes its packed form", () => {
    expect(fcHashLiteral("InB1")).toBe("b796dca610f2d066005ea303463530fb6481a3c9e7fa188fa2a7283d24613987");
  });

  // secp256k1_pedersen_commit outputs (oracle)
  it.each([
    ["b796dca610f2d066005ea303463530fb6481a3c9e7fa188fa2a7283d24613987", 250n, "025235d37d52b5c7bd9ca8fbbc4dab0e5602c24a944157f8a92dc688ee8f1bc8da"],
    ["9b5e04029c376d60dd5d80a212efc9804bd38471f272a6d349fd2a6f63aff0b9", 750n, "0239cd0065e8c9582a189e4b5125696af97e6149e6bc60663635095d509f5e6c1c"],
    ["52f4e0a8ad2a3dc6ddbc23a55924fa7cf5a64b552b241f272cd1f41fb7dae8ff", 1000n, "03dab3b8294414e48c24bd18ea007826babd865cbc68332250ccb779d03a47bb7a"],
    ["5681f4ebb8c7e9f82521f9420e991b911ea971eec98c54f7a0826457f1ce4a6e", 300n, "032e3ea2c464a491697f8ccdc67ae3dbfbfb2b05ceeebf32aec165606d5ffe0830"],
    ["44dc0f16e36f8368b83b87600456adef2d2a128328e651dba97ac61771e1a64b", 440n, "03689c73782f28bd3b7ca88dbcee87df256b2de27d47cb888c4cadff162825d7e0"],
    ["44dc0f16e36f8368b83b87600456adef2d2a128328e651dba97ac61771e1a64b", 439n, "02d7af3c9c852a0e5097f003b041d29a9321c68ecb786cb23c40e8712fa7ff121b"],
    ["388baef005967af6c2ec8182b49ad9e619b91e74e4b5135a305a0dc888632c6d", 9223372036854775807n, "02b3bd6fee0428e96ee380a0dc943ab62cc5e37b0bd8963390df5a99e458b12f46"],
    ["388baef005967af6c2ec8182b49ad9e619b91e74e4b5135a305a0dc888632c6d", 0n, "0292ef088d6e6252d40b56c7fe326a4072e6dc8345c29556017c3265c3a513e8a7"],
    ["388baef005967af6c2ec8182b49ad9e619b91e74e4b5135a305a0dc888632c6d", 1n, "0338c74bfb262af87a52e5e5bcbce3bfd8231feff7d7518a0a0f4fd6a3dce5c289"],
    ["fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140", 0n, "0379be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"],
  ])("commit( %s, %s )", (blind, value, expected) => {
    expect(commit(blind, value)).toBe(expected);
  });

  it("commit fails where secp256k1_pedersen_commit does: blind >= n, or the point at infinity", () => {
    expect(commit("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", 1n)).toBeUndefined();
    expect(commit("ff".repeat(32), 1n)).toBeUndefined();
    expect(commit("00".repeat(32), 0n)).toBeUndefined();
  });

  // secp256k1_pedersen_verify_tally outputs (oracle); C1..C3 commit B1 = fc hash of "B1" to INT64_MAX, 0 and 1
  // as in bitshares-fc tests/crypto/blind.cpp
  const C1 = "02b3bd6fee0428e96ee380a0dc943ab62cc5e37b0bd8963390df5a99e458b12f46";
  const C2 = "0292ef088d6e6252d40b56c7fe326a4072e6dc8345c29556017c3265c3a513e8a7";
  const C3 = "0338c74bfb262af87a52e5e5bcbce3bfd8231feff7d7518a0a0f4fd6a3dce5c289";
  const NOT_A_POINT = "02" + "ff".repeat(32);
  it.each([
    [[C2], [C3], -1n, true],
    [[C3], [C2], 1n, true],
    [[C1], [C2], 9223372036854775807n, true],
    [[C2], [C1], -9223372036854775807n, true],
    [[C2], [C1], -9223372036854775808n, false],
    [[C1], [C1], 0n, true],
    [[NOT_A_POINT], [NOT_A_POINT], 0n, false],
    [["05" + C1.slice(2)], ["05" + C1.slice(2)], 0n, false],
    [["020000000000000000000000000000000000000000000000000000000000000005"], ["020000000000000000000000000000000000000000000000000000000000000005"], 0n, false],
    [[], [], 0n, true],
    [[], [], 5n, false],
    [[C2], [], 0n, false],
  ] as const)("verify_tally( %j, %j, %s ) = %s", (pos, neg, excess, expected) => {
    expect(verifySum(pos, neg, excess)).toBe(expected);
  });

  it("bitshares-fc blind_test: commitments of blinds that sum to zero tally", () => {
    const [inB1, inB2, outB1] = ["InB1", "InB2", "OutB1"].map(fcHashLiteral) as [string, string, string];
    const outB2 = blindSum([inB1, inB2, outB1], 2);
    const c = (b: string, v: bigint) => commit(b, v)!;
    expect(verifySum([c(inB1, 25n), c(inB2, 75n)], [c(outB1, 40n), c(outB2, 60n)], 0n)).toBe(true);
    expect(verifySum([c(inB1, 25n), c(inB2, 75n)], [c(outB1, 40n), c(outB2, 61n)], 0n)).toBe(false);
    expect(verifySum([c(inB1, 25n), c(inB2, 75n)], [c(outB1, 40n), c(outB2, 59n)], 1n)).toBe(true);
  });

  // secp256k1_rangeproof_info on proofs whose first 10 bytes are given and the rest zero (oracle); null where it
  // returns 0, else [exp, mantissa, min_value, max_value]
  const HEADERS: Array<[string, number, [number, number, string, string] | null]> = [
  ["7017000000000082da96", 80, null],
  ["65ffffffffffffffffff", 65, null],
  ["693ac776537097d73284", 66, null],
  ["620dd715b54150c23a83", 80, [2, 14, "15498492984797837955", "15498492984799476255"]],
  ["5919003635ede90d7860", 64, null],
  ["401603f668c2ec1e223f", 65, [0, 23, "0", "8388607"]],
  ["46fcbbc4216ba4621d65", 80, null],
  ["562a64feda9aa493190a", 64, null],
  ["723100000000005e5f9f", 65, null],
  ["0cffffffffffffffffff", 66, [-1, 0, "0", "0"]],
  ["69ffffffffffffffffff", 80, null],
  ["401f000000000036eaea", 80, [0, 32, "0", "4294967295"]],
  ["7004f921175c23e473fb", 70, [16, 5, "17951655274182112251", "18261655274182112251"]],
  ["4a390000000000137b11", 70, null],
  ["cb3f000000000079e613", 65, null],
  ["6d3a0000000000a31dfe", 73, null],
  ["74ffffffffffffffffff", 65, null],
  ["1a200000000000e757a8", 66, [-1, 0, "0", "0"]],
  ["61360000000000352222", 66, [1, 55, "3482146", "360287970193121816"]],
  ["4e460000000000a0857e", 80, null],
  ["60124fa6ca9004a42267", 66, [0, 19, "5739497495032242791", "5739497495032767078"]],
  ["2601a189a7a3ce5ef513", 65, [-1, 0, "117526418389098229", "117526418389098229"]],
  ["451c0000000000f28580", 64, null],
  ["7073000000000001608c", 73, null],
  ["19b80000000000b71f36", 66, [-1, 0, "0", "0"]],
  ["6d030000000000150970", 70, [13, 4, "1378672", "150000001378672"]],
  ["10382c8855afc9ea2378", 73, [-1, 0, "0", "0"]],
  ["302770868f4ad4ba8fa3", 65, [-1, 0, "2841919314864683663", "2841919314864683663"]],
  ["5130000000000045927f", 80, null],
  ["71668bcdfd901f7d17b0", 80, null],
  ["4affffffffffffffffff", 66, null],
  ["4f0f273a03af4852b95a", 64, null],
  ["511b000000000069d387", 66, null],
  ["0affffffffffffffffff", 80, [-1, 0, "0", "0"]],
  ["44020000000000d5f06b", 66, [4, 3, "0", "70000"]],
  ["26030000000000a2c257", 70, [-1, 0, "216172782113825474", "216172782113825474"]],
  ["09070000000000342cd7", 80, [-1, 0, "0", "0"]],
  ["601900000000005a6e35", 65, [0, 26, "5926453", "73035316"]],
  ["3feb319a2a1883ca0352", 70, [-1, 0, "16947496378362481155", "16947496378362481155"]],
  ["7e330000000000c34247", 80, null],
  ["4a2dc46ec32e6734b82f", 80, null],
  ["513ff1f6aa4c5637a867", 64, null],
  ["610100000000003c4171", 73, [1, 2, "3948913", "3948943"]],
  ["62050000000000d8fe19", 70, [2, 6, "14220825", "14227125"]],
  ["59270000000000980e6d", 73, null],
  ["613100000000000603c5", 66, [1, 50, "394181", "11258999068820411"]],
  ["4f050000000000cce739", 73, [15, 6, "0", "63000000000000000"]],
  ["431300000000001d0c9f", 80, [3, 20, "0", "1048575000"]],
  ["741e00000000005dc7be", 73, null],
  ["521e00000000009cafb9", 66, null],
  ["430b0aa00f0245426c06", 66, [3, 12, "0", "4095000"]],
  ["221b000000000056577e", 66, [-1, 0, "1945555039024076375", "1945555039024076375"]],
  ["450c000000000098534a", 73, [5, 13, "0", "819100000"]],
  ["426e90917cd0af764cd2", 80, null],
  ["0b380000000000385ba8", 80, [-1, 0, "0", "0"]],
  ["5b2e00000000003866f7", 66, null],
  ["523a31bd905ecc638a27", 80, null],
  ["4d0a0000000000f705a6", 64, null],
  ["672b1506a2a72418bed0", 65, null],
  ["41f755ac227e7c89ceb8", 70, null],
  ["4312000000000006865c", 73, [3, 19, "0", "524287000"]],
  ["5a135234636c874a46f8", 73, null],
  ["4b3c000000000009501b", 64, null],
  ["7b33672ce9c1ef4fa08c", 65, null],
  ["c5ffffffffffffffffff", 80, null],
  ["45120000000000cb3fb6", 66, [5, 19, "0", "52428700000"]],
  ["45a3bdfe9e4484880d26", 80, null],
  ["72029db78718e37ab177", 65, [18, 3, "11364700725658169719", "18364700725658169719"]],
  ["57277035098b69867e28", 65, null],
  ["7430af231baa64ad76bf", 65, null],
  ["442675c502dbfdd8ccb8", 66, [4, 39, "0", "5497558138870000"]],
  ["7cffffffffffffffffff", 80, null],
  ["6e1d00000000002e3166", 65, null],
  ["242a1257ebd26ded8223", 73, [-1, 0, "3031582169533115778", "3031582169533115778"]],
  ["48380000000000a9fc9b", 73, null],
  ["694000000000002840c4", 80, null],
  ["7d110000000000ef3291", 66, null],
  ["55080000000000e21f73", 70, null],
  ["52090000000000afe55d", 70, null],
  ["400400000000009d97a3", 65, [0, 5, "0", "31"]],
  ];
  it.each(HEADERS)("range_get_info( %s..., %d bytes )", (header, length, expected) => {
    const info = rangeProofInfo(proof(header, length));
    expect(info ? [info.exp, info.mantissa, info.minValue.toString(), info.maxValue.toString()] : null).toEqual(expected);
  });

  it("the headers of real proofs (secp256k1_rangeproof_sign with exp and min_bits)", () => {
    // [first bytes, length] of range_proof_sign( min, commit, blind, nonce, exp, min_bits, value ) -> info
    expect(rangeProofInfo(proof("4007", 643))).toEqual({ exp: 0, mantissa: 8, minValue: 0n, maxValue: 255n }); // value 250
    expect(rangeProofInfo(proof("4009", 803))).toEqual({ exp: 0, mantissa: 10, minValue: 0n, maxValue: 1023n }); // value 750
    expect(rangeProofInfo(proof("4203", 323))).toEqual({ exp: 2, mantissa: 4, minValue: 0n, maxValue: 1500n }); // 1000, exp 2
    expect(rangeProofInfo(proof("60090000000000000005", 811))).toEqual({ exp: 0, mantissa: 10, minValue: 5n, maxValue: 1028n }); // min 5
    expect(rangeProofInfo(proof("4030", 3941))?.maxValue).toBe(562949953421311n); // min_bits 49
    expect(rangeProofInfo(proof("4031", 4005))?.maxValue).toBe(1125899906842623n); // min_bits 50
    expect(rangeProofInfo(proof("403f", 5126))?.maxValue).toBe(18446744073709551615n); // min_bits 64
  });
});

// tests/tests/confidential_tests.cpp confidential_test, with its blinding factors and amounts
describe("confidential_test", () => {
  const [InB1, InB2, Out3B] = ["InB1", "InB2", "Out3B"].map(fcHashLiteral) as [string, string, string];
  const output = (blind: string, value: bigint, header: string, length: number, key = KEY): BlindOutput =>
    ({ commitment: commit(blind, value)!, range_proof: proof(header, length), owner: keyAuthority(key) });
  const out1 = output(InB1, 250n, "4007", 643);
  const out2 = output(InB2, 750n, "4009", 803);
  const toBlind = make<TransferToBlindOperation>("transfer_to_blind_operation", {
    amount: asset(1000), from: "1.2.17", blinding_factor: blindSum([InB1, InB2], 2), outputs: [out2, out1],
  });
  const Out4B = blindSum([InB2, Out3B], 1);
  const out3 = output(Out3B, 300n, "4008", 739);
  const out4 = output(Out4B, 750n - 300n - 10n, "4008", 739);
  const blindTr = make<BlindTransferOperation>("blind_transfer_operation", {
    fee: asset(10), inputs: [{ commitment: out2.commitment, owner: out2.owner }], outputs: [out3, out4],
  });
  const fromBlind = make<TransferFromBlindOperation>("transfer_from_blind_operation", {
    fee: asset(10), to: "1.2.18", amount: asset(750n - 300n - 10n - 10n), blinding_factor: Out4B, inputs: [{ commitment: out4.commitment, owner: out4.owner }],
  });

  it("the test's three operations are valid", () => {
    expect(out2.commitment < out1.commitment).toBe(true);
    expectOk(validateTransferToBlindOperation(toBlind));
    expectOk(validateBlindTransferOperation(blindTr));
    expectOk(validateTransferFromBlindOperation(fromBlind));
  });

  describe("transfer_to_blind_operation", () => {
    const T = "transfer_to_blind_operation";
    const check = (patch: Partial<TransferToBlindOperation>) => validateTransferToBlindOperation({ ...toBlind, ...patch });
    it("refuses each broken rule", () => {
      expectRefused(check({ fee: asset(-1) }), `${T}.fee_non_negative`, "fee.amount");
      expectRefused(check({ amount: asset(0) }), `${T}.amount_positive`, "amount.amount");
      expectRefused(check({ outputs: [out1, out2] }), `${T}.outputs_sorted`, "outputs[1].commitment");
      expectRefused(check({ outputs: [out2, out2] }), `${T}.outputs_sorted`, "outputs[1].commitment");
      expectRefused(check({ outputs: [out2, { ...out1, owner: { ...out1.owner, weight_threshold: 2 } }] }), `${T}.output_owner_possible`, "outputs[1].owner");
      expectRefused(check({ outputs: [] }), `${T}.has_outputs`, "outputs");
      expectRefused(check({ blinding_factor: "ff".repeat(32) }), `${T}.blinding_factor_valid`, "blinding_factor");
      expectRefused(check({ amount: asset(999) }), `${T}.commitments_balance`, "outputs");
      // With more than one output every range proof must be readable and prove at most GRAPHENE_MAX_SHARE_SUPPLY.
      expectRefused(check({ outputs: [out2, { ...out1, range_proof: proof("4031", 4005) }] }), `${T}.range_proof_max`, "outputs[1].range_proof");
      expectRefused(check({ outputs: [{ ...out2, range_proof: "" }, out1] }), `${T}.range_proof_readable`, "outputs[0].range_proof");
      expectOk(check({ outputs: [out2, { ...out1, range_proof: proof("4030", 3941) }] }));
    });

    it("does not look at the range proof of a single output", () => {
      const only = output(InB1, 1000n, "", 0);
      expectOk(validateTransferToBlindOperation({ ...toBlind, blinding_factor: InB1, outputs: [only] }));
    });
  });

  describe("blind_transfer_operation", () => {
    const T = "blind_transfer_operation";
    const check = (patch: Partial<BlindTransferOperation>) => validateBlindTransferOperation({ ...blindTr, ...patch });
    it("refuses each broken rule", () => {
      expectRefused(check({ inputs: [blindTr.inputs[0]!, blindTr.inputs[0]!] }), `${T}.inputs_sorted`, "inputs[1].commitment");
      expectRefused(check({ outputs: [out4, out3] }), `${T}.outputs_sorted`, "outputs[1].commitment");
      expectRefused(check({ outputs: [{ ...out3, owner: { ...out3.owner, key_auths: [] } }, out4] }), `${T}.output_owner_possible`, "outputs[0].owner");
      expectRefused(check({ inputs: [] }), `${T}.has_inputs`, "inputs");
      // The double spend of confidential_test: fee 11 with the outputs of fee 10.
      expectRefused(check({ fee: asset(11) }), `${T}.commitments_balance`, "");
      expectRefused(check({ outputs: [out3, { ...out4, range_proof: proof("403f", 5126) }] }), `${T}.range_proof_max`, "outputs[1].range_proof");
      expectRefused(check({ outputs: [out3, { ...out4, range_proof: proof("80", 700) }] }), `${T}.range_proof_readable`, "outputs[1].range_proof");
    });

    it("balances with the fee as the excess, whatever its sign", () => {
      const out4b = output(Out4B, 750n - 300n + 10n, "4008", 739);
      const outs = [out3, out4b].sort((a, b) => (a.commitment < b.commitment ? -1 : 1));
      expectOk(check({ fee: asset(-10), outputs: outs }));
    });
  });

  describe("transfer_from_blind_operation", () => {
    const T = "transfer_from_blind_operation";
    const check = (patch: Partial<TransferFromBlindOperation>) => validateTransferFromBlindOperation({ ...fromBlind, ...patch });
    it("refuses each broken rule", () => {
      // The amount is checked before the fee (confidential.cpp).
      expectRefused(check({ amount: asset(0), fee: asset(-1) }), `${T}.amount_positive`, "amount.amount");
      expectRefused(check({ fee: asset(-1) }), `${T}.fee_non_negative`, "fee.amount");
      expectRefused(check({ inputs: [] }), `${T}.has_inputs`, "inputs");
      expectRefused(check({ fee: asset(10, "1.3.1") }), `${T}.fee_in_amount_asset`, "fee.asset_id");
      expectRefused(check({ blinding_factor: "ff".repeat(32) }), `${T}.blinding_factor_valid`, "blinding_factor");
      expectRefused(check({ inputs: [fromBlind.inputs[0]!, fromBlind.inputs[0]!] }), `${T}.inputs_sorted`, "inputs[1].commitment");
      expectRefused(check({ amount: asset(431) }), `${T}.commitments_balance`, "inputs");
      // Moving one unit from the amount to the fee keeps the tally.
      expectOk(check({ amount: asset(429), fee: asset(11) }));
    });
  });
});
