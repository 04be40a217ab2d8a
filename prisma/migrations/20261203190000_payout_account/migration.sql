-- The organisation's bank account (Norwegian kontonummer, 11 digits) where the grant is paid, for
-- a jurisdiction without NemKonto. A nullable column: every existing (Danish) row keeps its values
-- and stays without an account, paid to the NemKonto of its CVR number as before.

-- AlterTable
ALTER TABLE "applications" ADD COLUMN "payout_account" VARCHAR(11);
