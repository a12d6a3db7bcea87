// db_update.cpp database::update_credit_offers_and_deals.
import type { Session } from "../chain/session.js";

export function updateCreditOffersAndDeals(_s: Session): void {}
