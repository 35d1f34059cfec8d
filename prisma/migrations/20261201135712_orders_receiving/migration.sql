-- AlterTable
ALTER TABLE "StockSettings" ADD COLUMN     "overReceiptTolerancePercent" INTEGER NOT NULL DEFAULT 10,
ADD COLUMN     "usageWindowWeeks" INTEGER NOT NULL DEFAULT 8;

-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "cancelReason" TEXT,
ADD COLUMN     "closeReason" TEXT,
ADD COLUMN     "closedAt" TIMESTAMPTZ(3),
ADD COLUMN     "emailOutboxId" UUID,
ADD COLUMN     "sentById" UUID,
ADD COLUMN     "sentManually" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "OrderItem" ADD COLUMN     "packSize" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "supplierSku" TEXT;

-- AlterTable
ALTER TABLE "GoodsReceipt" ADD COLUMN     "conflictReason" TEXT,
ADD COLUMN     "overReceiptReason" TEXT;

-- AlterTable
ALTER TABLE "GoodsReceiptLine" ADD COLUMN     "damageReason" TEXT,
ADD COLUMN     "damagedQuantity" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "expiryRaw" TEXT,
ADD COLUMN     "packSize" INTEGER NOT NULL DEFAULT 1;

-- ───────────── raw SQL that schema.prisma cannot express ─────────────

-- Practice settings stay in the range the shared rules accept (shared/receiving/tolerance.ts, suggestions).
ALTER TABLE "StockSettings" ADD CONSTRAINT "StockSettings_overReceiptTolerancePercent_range" CHECK ("overReceiptTolerancePercent" BETWEEN 0 AND 100);
ALTER TABLE "StockSettings" ADD CONSTRAINT "StockSettings_usageWindowWeeks_range" CHECK ("usageWindowWeeks" BETWEEN 1 AND 52);

-- A phoned-in order has no email, and an emailed one was not phoned in.
ALTER TABLE "Order" ADD CONSTRAINT "Order_sent_manually_without_email" CHECK (NOT ("sentManually" AND "emailOutboxId" IS NOT NULL));

-- Price snapshots are never negative; a pack holds at least one unit.
ALTER TABLE "OrderItem" ADD CONSTRAINT "OrderItem_unitPrice_nonnegative" CHECK ("unitPrice" IS NULL OR "unitPrice" >= 0);
ALTER TABLE "OrderItem" ADD CONSTRAINT "OrderItem_packSize_positive" CHECK ("packSize" >= 1);

-- A receipt line may be all damaged (nothing accepted), so accepted packs may be 0; but it records at least one pack.
ALTER TABLE "GoodsReceiptLine" DROP CONSTRAINT "GoodsReceiptLine_quantity_positive";
ALTER TABLE "GoodsReceiptLine" ADD CONSTRAINT "GoodsReceiptLine_quantity_nonnegative" CHECK ("quantity" >= 0);
ALTER TABLE "GoodsReceiptLine" ADD CONSTRAINT "GoodsReceiptLine_damagedQuantity_nonnegative" CHECK ("damagedQuantity" >= 0);
ALTER TABLE "GoodsReceiptLine" ADD CONSTRAINT "GoodsReceiptLine_records_a_pack" CHECK ("quantity" + "damagedQuantity" > 0);
ALTER TABLE "GoodsReceiptLine" ADD CONSTRAINT "GoodsReceiptLine_packSize_positive" CHECK ("packSize" >= 1);
