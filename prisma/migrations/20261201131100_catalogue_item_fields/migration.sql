-- Catalogue (issue 10): an item's category and notes, and the rules a supplier's quote must keep.
-- Money stays Decimal(12,4) (unit prices travel as decimal text, never floats).

-- AlterTable
ALTER TABLE "Item" ADD COLUMN     "category" TEXT,
ADD COLUMN     "notes" TEXT;

-- A quote orders at least one unit, and a lead time is never negative (the shared zod schema says the
-- same at the edge; these keep any other writer honest).
ALTER TABLE "PracticeSupplierItem" ADD CONSTRAINT "PracticeSupplierItem_minimumOrder_positive" CHECK ("minimumOrder" >= 1);
ALTER TABLE "PracticeSupplierItem" ADD CONSTRAINT "PracticeSupplierItem_leadTimeDays_nonnegative" CHECK ("leadTimeDays" IS NULL OR "leadTimeDays" >= 0);
