// operation_validate (operations.cpp): each operation's own validate(), chosen by its tag (0..77). Field
// paths in a refusal are relative to the operation's value (op[1]). Virtual operations (4, 42, 44, 46, 51,
// 53, 74) always fail, as their validate() does.
import type { Operation } from "../../../generated/native-types.js";
import { assertFail } from "../errors.js";
import type { Check } from "./common.js";
import {
  validateAccountCreateOperation, validateAccountTransferOperation, validateAccountUpdateOperation, validateAccountUpgradeOperation,
  validateAccountWhitelistOperation,
} from "./account.js";
import { validateAssertOperation } from "./assert.js";
import {
  validateAssetClaimFeesOperation, validateAssetClaimPoolOperation, validateAssetCreateOperation, validateAssetFundFeePoolOperation,
  validateAssetGlobalSettleOperation, validateAssetIssueOperation, validateAssetPublishFeedOperation, validateAssetReserveOperation,
  validateAssetSettleCancelOperation, validateAssetSettleOperation, validateAssetUpdateBitassetOperation,
  validateAssetUpdateFeedProducersOperation, validateAssetUpdateIssuerOperation, validateAssetUpdateOperation,
} from "./asset.js";
import { validateBalanceClaimOperation } from "./balance.js";
import {
  validateCommitteeMemberCreateOperation, validateCommitteeMemberUpdateGlobalParametersOperation, validateCommitteeMemberUpdateOperation,
} from "./committee_member.js";
import { validateBlindTransferOperation, validateTransferFromBlindOperation, validateTransferToBlindOperation } from "./confidential.js";
import {
  validateCreditDealExpiredOperation, validateCreditDealRepayOperation, validateCreditDealUpdateOperation,
  validateCreditOfferAcceptOperation, validateCreditOfferCreateOperation, validateCreditOfferDeleteOperation,
  validateCreditOfferUpdateOperation,
} from "./credit_offer.js";
import { validateCustomOperation } from "./custom.js";
import {
  validateCustomAuthorityCreateOperation, validateCustomAuthorityDeleteOperation, validateCustomAuthorityUpdateOperation,
} from "./custom_authority.js";
import { validateFbaDistributeOperation } from "./fba.js";
import {
  validateHtlcCreateOperation, validateHtlcExtendOperation, validateHtlcRedeemOperation, validateHtlcRedeemedOperation,
  validateHtlcRefundOperation,
} from "./htlc.js";
import {
  validateLiquidityPoolCreateOperation, validateLiquidityPoolDeleteOperation, validateLiquidityPoolDepositOperation,
  validateLiquidityPoolExchangeOperation, validateLiquidityPoolUpdateOperation, validateLiquidityPoolWithdrawOperation,
} from "./liquidity_pool.js";
import {
  validateBidCollateralOperation, validateCallOrderUpdateOperation, validateExecuteBidOperation, validateFillOrderOperation,
  validateLimitOrderCancelOperation, validateLimitOrderCreateOperation, validateLimitOrderUpdateOperation,
} from "./market.js";
import { validateProposalCreateOperation, validateProposalDeleteOperation, validateProposalUpdateOperation } from "./proposal.js";
import {
  validateSametFundBorrowOperation, validateSametFundCreateOperation, validateSametFundDeleteOperation, validateSametFundRepayOperation,
  validateSametFundUpdateOperation,
} from "./samet_fund.js";
import { validateTicketCreateOperation, validateTicketUpdateOperation } from "./ticket.js";
import { validateOverrideTransferOperation, validateTransferOperation } from "./transfer.js";
import { validateVestingBalanceCreateOperation, validateVestingBalanceWithdrawOperation } from "./vesting.js";
import {
  validateWithdrawPermissionClaimOperation, validateWithdrawPermissionCreateOperation, validateWithdrawPermissionDeleteOperation,
  validateWithdrawPermissionUpdateOperation,
} from "./withdraw_permission.js";
import { validateWitnessCreateOperation, validateWitnessUpdateOperation } from "./witness.js";
import { validateWorkerCreateOperation } from "./worker.js";

export function validateOperation(op: Operation): Check {
  switch (op[0]) {
    case 0: return validateTransferOperation(op[1]);
    case 1: return validateLimitOrderCreateOperation(op[1]);
    case 2: return validateLimitOrderCancelOperation(op[1]);
    case 3: return validateCallOrderUpdateOperation(op[1]);
    case 4: return validateFillOrderOperation(op[1]);
    case 5: return validateAccountCreateOperation(op[1]);
    case 6: return validateAccountUpdateOperation(op[1]);
    case 7: return validateAccountWhitelistOperation(op[1]);
    case 8: return validateAccountUpgradeOperation(op[1]);
    case 9: return validateAccountTransferOperation(op[1]);
    case 10: return validateAssetCreateOperation(op[1]);
    case 11: return validateAssetUpdateOperation(op[1]);
    case 12: return validateAssetUpdateBitassetOperation(op[1]);
    case 13: return validateAssetUpdateFeedProducersOperation(op[1]);
    case 14: return validateAssetIssueOperation(op[1]);
    case 15: return validateAssetReserveOperation(op[1]);
    case 16: return validateAssetFundFeePoolOperation(op[1]);
    case 17: return validateAssetSettleOperation(op[1]);
    case 18: return validateAssetGlobalSettleOperation(op[1]);
    case 19: return validateAssetPublishFeedOperation(op[1]);
    case 20: return validateWitnessCreateOperation(op[1]);
    case 21: return validateWitnessUpdateOperation(op[1]);
    case 22: return validateProposalCreateOperation(op[1]);
    case 23: return validateProposalUpdateOperation(op[1]);
    case 24: return validateProposalDeleteOperation(op[1]);
    case 25: return validateWithdrawPermissionCreateOperation(op[1]);
    case 26: return validateWithdrawPermissionUpdateOperation(op[1]);
    case 27: return validateWithdrawPermissionClaimOperation(op[1]);
    case 28: return validateWithdrawPermissionDeleteOperation(op[1]);
    case 29: return validateCommitteeMemberCreateOperation(op[1]);
    case 30: return validateCommitteeMemberUpdateOperation(op[1]);
    case 31: return validateCommitteeMemberUpdateGlobalParametersOperation(op[1]);
    case 32: return validateVestingBalanceCreateOperation(op[1]);
    case 33: return validateVestingBalanceWithdrawOperation(op[1]);
    case 34: return validateWorkerCreateOperation(op[1]);
    case 35: return validateCustomOperation(op[1]);
    case 36: return validateAssertOperation(op[1]);
    case 37: return validateBalanceClaimOperation(op[1]);
    case 38: return validateOverrideTransferOperation(op[1]);
    case 39: return validateTransferToBlindOperation(op[1]);
    case 40: return validateBlindTransferOperation(op[1]);
    case 41: return validateTransferFromBlindOperation(op[1]);
    case 42: return validateAssetSettleCancelOperation(op[1]);
    case 43: return validateAssetClaimFeesOperation(op[1]);
    case 44: return validateFbaDistributeOperation(op[1]);
    case 45: return validateBidCollateralOperation(op[1]);
    case 46: return validateExecuteBidOperation(op[1]);
    case 47: return validateAssetClaimPoolOperation(op[1]);
    case 48: return validateAssetUpdateIssuerOperation(op[1]);
    case 49: return validateHtlcCreateOperation(op[1]);
    case 50: return validateHtlcRedeemOperation(op[1]);
    case 51: return validateHtlcRedeemedOperation(op[1]);
    case 52: return validateHtlcExtendOperation(op[1]);
    case 53: return validateHtlcRefundOperation(op[1]);
    case 54: return validateCustomAuthorityCreateOperation(op[1]);
    case 55: return validateCustomAuthorityUpdateOperation(op[1]);
    case 56: return validateCustomAuthorityDeleteOperation(op[1]);
    case 57: return validateTicketCreateOperation(op[1]);
    case 58: return validateTicketUpdateOperation(op[1]);
    case 59: return validateLiquidityPoolCreateOperation(op[1]);
    case 60: return validateLiquidityPoolDeleteOperation(op[1]);
    case 61: return validateLiquidityPoolDepositOperation(op[1]);
    case 62: return validateLiquidityPoolWithdrawOperation(op[1]);
    case 63: return validateLiquidityPoolExchangeOperation(op[1]);
    case 64: return validateSametFundCreateOperation(op[1]);
    case 65: return validateSametFundDeleteOperation(op[1]);
    case 66: return validateSametFundUpdateOperation(op[1]);
    case 67: return validateSametFundBorrowOperation(op[1]);
    case 68: return validateSametFundRepayOperation(op[1]);
    case 69: return validateCreditOfferCreateOperation(op[1]);
    case 70: return validateCreditOfferDeleteOperation(op[1]);
    case 71: return validateCreditOfferUpdateOperation(op[1]);
    case 72: return validateCreditOfferAcceptOperation(op[1]);
    case 73: return validateCreditDealRepayOperation(op[1]);
    case 74: return validateCreditDealExpiredOperation(op[1]);
    case 75: return validateLiquidityPoolUpdateOperation(op[1]);
    case 76: return validateCreditDealUpdateOperation(op[1]);
    case 77: return validateLimitOrderUpdateOperation(op[1]);
    default:
      return assertFail("operation.tag_known", "", `no operation has tag ${String((op as readonly unknown[])[0])}`);
  }
}
