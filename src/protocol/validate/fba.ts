// fba.hpp: fba_distribute_operation (44) is virtual; its validate() is FC_ASSERT( false ).
import type { FbaDistributeOperation } from "../../../generated/native-types.js";
import { assertFail } from "../errors.js";
import type { Check } from "./common.js";

export const validateFbaDistributeOperation = (_op: FbaDistributeOperation): Check =>
  assertFail("fba_distribute_operation.virtual", "", "fba_distribute_operation is a virtual operation");
