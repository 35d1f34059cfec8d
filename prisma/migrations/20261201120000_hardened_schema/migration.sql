-- The database refuses what the code must never do (issue 8).
--  * Tenant-safe references: every reference between two tenant tables is a composite foreign key
--    (practiceId, xId) -> (practiceId, id), so a row can only point inside its own practice. Foreign-key
--    checks bypass row-level security, so before this nothing in the database stopped a faulty mutator
--    from linking practice B's row to practice A's location. References to Practice itself and to the
--    global tables (User, Product, GlobalSupplier) stay single-column.
--    Optional references that were ON DELETE SET NULL are now RESTRICT: SET NULL on a composite key would
--    also null practiceId (PostgreSQL 15's SET NULL (col) cannot be expressed in schema.prisma). Rows
--    they point at (suppliers, locations, orders) are archived or cancelled, never deleted.
--  * Every timestamp is timestamptz(3); the application always wrote UTC, so old values are read as UTC.
--  * The ledger and batches hold on to what they reference (ON DELETE RESTRICT): a lot must never vanish
--    from a movement, recalls depend on it. Batch -> Item is RESTRICT too (items are archived, not
--    deleted), and StockMovement.inventoryId is now a real foreign key.
--  * A count session's scope is a join table (CountSessionItem) instead of an unchecked uuid[].
--  * Orders carry a currency, and a per-practice number the server assigns at push (NULL = draft; the
--    client names an order by the UUID it chose). The free-text Order.reference goes: the email shows the
--    number.
--  * The global catalogue (Product, GlobalSupplier) is read-only to venzory_app.

-- DropForeignKey
ALTER TABLE "Item" DROP CONSTRAINT "Item_defaultSupplierId_fkey";

-- DropForeignKey
ALTER TABLE "PracticeSupplierItem" DROP CONSTRAINT "PracticeSupplierItem_practiceSupplierId_fkey";

-- DropForeignKey
ALTER TABLE "PracticeSupplierItem" DROP CONSTRAINT "PracticeSupplierItem_itemId_fkey";

-- DropForeignKey
ALTER TABLE "Location" DROP CONSTRAINT "Location_parentId_fkey";

-- DropForeignKey
ALTER TABLE "Batch" DROP CONSTRAINT "Batch_itemId_fkey";

-- DropForeignKey
ALTER TABLE "Inventory" DROP CONSTRAINT "Inventory_locationId_fkey";

-- DropForeignKey
ALTER TABLE "Inventory" DROP CONSTRAINT "Inventory_itemId_fkey";

-- DropForeignKey
ALTER TABLE "Inventory" DROP CONSTRAINT "Inventory_batchId_fkey";

-- DropForeignKey
ALTER TABLE "StockMovement" DROP CONSTRAINT "StockMovement_locationId_fkey";

-- DropForeignKey
ALTER TABLE "StockMovement" DROP CONSTRAINT "StockMovement_itemId_fkey";

-- DropForeignKey
ALTER TABLE "StockMovement" DROP CONSTRAINT "StockMovement_batchId_fkey";

-- DropForeignKey
ALTER TABLE "StockAdjustment" DROP CONSTRAINT "StockAdjustment_locationId_fkey";

-- DropForeignKey
ALTER TABLE "StockAdjustment" DROP CONSTRAINT "StockAdjustment_itemId_fkey";

-- DropForeignKey
ALTER TABLE "StockAdjustment" DROP CONSTRAINT "StockAdjustment_batchId_fkey";

-- DropForeignKey
ALTER TABLE "Transfer" DROP CONSTRAINT "Transfer_fromLocationId_fkey";

-- DropForeignKey
ALTER TABLE "Transfer" DROP CONSTRAINT "Transfer_toLocationId_fkey";

-- DropForeignKey
ALTER TABLE "Transfer" DROP CONSTRAINT "Transfer_itemId_fkey";

-- DropForeignKey
ALTER TABLE "Transfer" DROP CONSTRAINT "Transfer_batchId_fkey";

-- DropForeignKey
ALTER TABLE "Order" DROP CONSTRAINT "Order_practiceSupplierId_fkey";

-- DropForeignKey
ALTER TABLE "Order" DROP CONSTRAINT "Order_deliveryLocationId_fkey";

-- DropForeignKey
ALTER TABLE "OrderItem" DROP CONSTRAINT "OrderItem_orderId_fkey";

-- DropForeignKey
ALTER TABLE "OrderItem" DROP CONSTRAINT "OrderItem_itemId_fkey";

-- DropForeignKey
ALTER TABLE "OrderTemplate" DROP CONSTRAINT "OrderTemplate_practiceSupplierId_fkey";

-- DropForeignKey
ALTER TABLE "OrderTemplateItem" DROP CONSTRAINT "OrderTemplateItem_templateId_fkey";

-- DropForeignKey
ALTER TABLE "OrderTemplateItem" DROP CONSTRAINT "OrderTemplateItem_itemId_fkey";

-- DropForeignKey
ALTER TABLE "OrderTemplateItem" DROP CONSTRAINT "OrderTemplateItem_practiceSupplierId_fkey";

-- DropForeignKey
ALTER TABLE "GoodsReceipt" DROP CONSTRAINT "GoodsReceipt_orderId_fkey";

-- DropForeignKey
ALTER TABLE "GoodsReceipt" DROP CONSTRAINT "GoodsReceipt_locationId_fkey";

-- DropForeignKey
ALTER TABLE "GoodsReceiptLine" DROP CONSTRAINT "GoodsReceiptLine_receiptId_fkey";

-- DropForeignKey
ALTER TABLE "GoodsReceiptLine" DROP CONSTRAINT "GoodsReceiptLine_itemId_fkey";

-- DropForeignKey
ALTER TABLE "GoodsReceiptLine" DROP CONSTRAINT "GoodsReceiptLine_orderItemId_fkey";

-- DropForeignKey
ALTER TABLE "GoodsReceiptLine" DROP CONSTRAINT "GoodsReceiptLine_locationId_fkey";

-- DropForeignKey
ALTER TABLE "GoodsReceiptLine" DROP CONSTRAINT "GoodsReceiptLine_batchId_fkey";

-- DropForeignKey
ALTER TABLE "CountSession" DROP CONSTRAINT "CountSession_locationId_fkey";

-- DropForeignKey
ALTER TABLE "CountLine" DROP CONSTRAINT "CountLine_sessionId_fkey";

-- DropForeignKey
ALTER TABLE "CountLine" DROP CONSTRAINT "CountLine_itemId_fkey";

-- DropForeignKey
ALTER TABLE "CountLine" DROP CONSTRAINT "CountLine_locationId_fkey";

-- DropForeignKey
ALTER TABLE "CountLine" DROP CONSTRAINT "CountLine_batchId_fkey";

-- DropForeignKey
ALTER TABLE "CountConflict" DROP CONSTRAINT "CountConflict_sessionId_fkey";

-- DropForeignKey
ALTER TABLE "CountConflict" DROP CONSTRAINT "CountConflict_itemId_fkey";

-- DropForeignKey
ALTER TABLE "CountConflict" DROP CONSTRAINT "CountConflict_locationId_fkey";

-- DropForeignKey
ALTER TABLE "CountConflict" DROP CONSTRAINT "CountConflict_batchId_fkey";

-- DropForeignKey
ALTER TABLE "MutationResult" DROP CONSTRAINT "MutationResult_clientId_fkey";

-- DropIndex
DROP INDEX "Order_practiceId_reference_key";

-- AlterTable
ALTER TABLE "Practice" ALTER COLUMN "createdAt" SET DATA TYPE TIMESTAMPTZ(3) USING "createdAt" AT TIME ZONE 'UTC',
ALTER COLUMN "updatedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "updatedAt" AT TIME ZONE 'UTC',
ALTER COLUMN "lastActivityAt" SET DATA TYPE TIMESTAMPTZ(3) USING "lastActivityAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "PracticeVersion" ADD COLUMN     "lastOrderNumber" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "User" ALTER COLUMN "disabledAt" SET DATA TYPE TIMESTAMPTZ(3) USING "disabledAt" AT TIME ZONE 'UTC',
ALTER COLUMN "createdAt" SET DATA TYPE TIMESTAMPTZ(3) USING "createdAt" AT TIME ZONE 'UTC',
ALTER COLUMN "updatedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "updatedAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "Membership" ALTER COLUMN "createdAt" SET DATA TYPE TIMESTAMPTZ(3) USING "createdAt" AT TIME ZONE 'UTC',
ALTER COLUMN "updatedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "updatedAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "Invite" ALTER COLUMN "expiresAt" SET DATA TYPE TIMESTAMPTZ(3) USING "expiresAt" AT TIME ZONE 'UTC',
ALTER COLUMN "acceptedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "acceptedAt" AT TIME ZONE 'UTC',
ALTER COLUMN "revokedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "revokedAt" AT TIME ZONE 'UTC',
ALTER COLUMN "createdAt" SET DATA TYPE TIMESTAMPTZ(3) USING "createdAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "AuthToken" ALTER COLUMN "expiresAt" SET DATA TYPE TIMESTAMPTZ(3) USING "expiresAt" AT TIME ZONE 'UTC',
ALTER COLUMN "consumedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "consumedAt" AT TIME ZONE 'UTC',
ALTER COLUMN "createdAt" SET DATA TYPE TIMESTAMPTZ(3) USING "createdAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "SignupRequest" ALTER COLUMN "expiresAt" SET DATA TYPE TIMESTAMPTZ(3) USING "expiresAt" AT TIME ZONE 'UTC',
ALTER COLUMN "consumedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "consumedAt" AT TIME ZONE 'UTC',
ALTER COLUMN "createdAt" SET DATA TYPE TIMESTAMPTZ(3) USING "createdAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "Session" ALTER COLUMN "createdAt" SET DATA TYPE TIMESTAMPTZ(3) USING "createdAt" AT TIME ZONE 'UTC',
ALTER COLUMN "lastSeenAt" SET DATA TYPE TIMESTAMPTZ(3) USING "lastSeenAt" AT TIME ZONE 'UTC',
ALTER COLUMN "expiresAt" SET DATA TYPE TIMESTAMPTZ(3) USING "expiresAt" AT TIME ZONE 'UTC',
ALTER COLUMN "revokedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "revokedAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "Product" ALTER COLUMN "createdAt" SET DATA TYPE TIMESTAMPTZ(3) USING "createdAt" AT TIME ZONE 'UTC',
ALTER COLUMN "updatedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "updatedAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "Item" ALTER COLUMN "createdAt" SET DATA TYPE TIMESTAMPTZ(3) USING "createdAt" AT TIME ZONE 'UTC',
ALTER COLUMN "updatedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "updatedAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "GlobalSupplier" ALTER COLUMN "createdAt" SET DATA TYPE TIMESTAMPTZ(3) USING "createdAt" AT TIME ZONE 'UTC',
ALTER COLUMN "updatedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "updatedAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "PracticeSupplier" ALTER COLUMN "createdAt" SET DATA TYPE TIMESTAMPTZ(3) USING "createdAt" AT TIME ZONE 'UTC',
ALTER COLUMN "updatedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "updatedAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "PracticeSupplierItem" ALTER COLUMN "createdAt" SET DATA TYPE TIMESTAMPTZ(3) USING "createdAt" AT TIME ZONE 'UTC',
ALTER COLUMN "updatedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "updatedAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "Location" ALTER COLUMN "createdAt" SET DATA TYPE TIMESTAMPTZ(3) USING "createdAt" AT TIME ZONE 'UTC',
ALTER COLUMN "updatedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "updatedAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "Batch" ALTER COLUMN "createdAt" SET DATA TYPE TIMESTAMPTZ(3) USING "createdAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "Inventory" ALTER COLUMN "updatedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "updatedAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "StockMovement" ALTER COLUMN "createdAt" SET DATA TYPE TIMESTAMPTZ(3) USING "createdAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "StockAdjustment" ALTER COLUMN "createdAt" SET DATA TYPE TIMESTAMPTZ(3) USING "createdAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "Transfer" ALTER COLUMN "createdAt" SET DATA TYPE TIMESTAMPTZ(3) USING "createdAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "Order" DROP COLUMN "reference",
ADD COLUMN     "currency" CHAR(3) NOT NULL DEFAULT 'GBP',
ADD COLUMN     "number" INTEGER,
ALTER COLUMN "sentAt" SET DATA TYPE TIMESTAMPTZ(3) USING "sentAt" AT TIME ZONE 'UTC',
ALTER COLUMN "emailSentAt" SET DATA TYPE TIMESTAMPTZ(3) USING "emailSentAt" AT TIME ZONE 'UTC',
ALTER COLUMN "receivedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "receivedAt" AT TIME ZONE 'UTC',
ALTER COLUMN "cancelledAt" SET DATA TYPE TIMESTAMPTZ(3) USING "cancelledAt" AT TIME ZONE 'UTC',
ALTER COLUMN "createdAt" SET DATA TYPE TIMESTAMPTZ(3) USING "createdAt" AT TIME ZONE 'UTC',
ALTER COLUMN "updatedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "updatedAt" AT TIME ZONE 'UTC';

-- Existing orders were all created on the server: number them per practice in creation order, and
-- start each practice's counter after its highest number.
UPDATE "Order" o SET "number" = n.rn
FROM (SELECT "id", row_number() OVER (PARTITION BY "practiceId" ORDER BY "createdAt", "id") AS rn FROM "Order") n
WHERE o."id" = n."id";
UPDATE "PracticeVersion" pv SET "lastOrderNumber" = m.mx
FROM (SELECT "practiceId", max("number") AS mx FROM "Order" GROUP BY 1) m
WHERE pv."practiceId" = m."practiceId";

-- AlterTable
ALTER TABLE "OrderTemplate" ALTER COLUMN "createdAt" SET DATA TYPE TIMESTAMPTZ(3) USING "createdAt" AT TIME ZONE 'UTC',
ALTER COLUMN "updatedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "updatedAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "GoodsReceipt" ALTER COLUMN "postedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "postedAt" AT TIME ZONE 'UTC',
ALTER COLUMN "createdAt" SET DATA TYPE TIMESTAMPTZ(3) USING "createdAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "CountSession" ALTER COLUMN "completedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "completedAt" AT TIME ZONE 'UTC',
ALTER COLUMN "cancelledAt" SET DATA TYPE TIMESTAMPTZ(3) USING "cancelledAt" AT TIME ZONE 'UTC',
ALTER COLUMN "createdAt" SET DATA TYPE TIMESTAMPTZ(3) USING "createdAt" AT TIME ZONE 'UTC',
ALTER COLUMN "updatedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "updatedAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "CountLine" ALTER COLUMN "createdAt" SET DATA TYPE TIMESTAMPTZ(3) USING "createdAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "CountConflict" ALTER COLUMN "resolvedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "resolvedAt" AT TIME ZONE 'UTC',
ALTER COLUMN "createdAt" SET DATA TYPE TIMESTAMPTZ(3) USING "createdAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "AuditLog" ALTER COLUMN "createdAt" SET DATA TYPE TIMESTAMPTZ(3) USING "createdAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "EmailOutbox" ALTER COLUMN "enqueuedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "enqueuedAt" AT TIME ZONE 'UTC',
ALTER COLUMN "sentAt" SET DATA TYPE TIMESTAMPTZ(3) USING "sentAt" AT TIME ZONE 'UTC',
ALTER COLUMN "deadAt" SET DATA TYPE TIMESTAMPTZ(3) USING "deadAt" AT TIME ZONE 'UTC',
ALTER COLUMN "createdAt" SET DATA TYPE TIMESTAMPTZ(3) USING "createdAt" AT TIME ZONE 'UTC',
ALTER COLUMN "updatedAt" SET DATA TYPE TIMESTAMPTZ(3) USING "updatedAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "SyncClient" ALTER COLUMN "createdAt" SET DATA TYPE TIMESTAMPTZ(3) USING "createdAt" AT TIME ZONE 'UTC',
ALTER COLUMN "lastPushAt" SET DATA TYPE TIMESTAMPTZ(3) USING "lastPushAt" AT TIME ZONE 'UTC',
ALTER COLUMN "lastPullAt" SET DATA TYPE TIMESTAMPTZ(3) USING "lastPullAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "MutationResult" ALTER COLUMN "createdAt" SET DATA TYPE TIMESTAMPTZ(3) USING "createdAt" AT TIME ZONE 'UTC';

-- AlterTable
ALTER TABLE "Tombstone" ALTER COLUMN "createdAt" SET DATA TYPE TIMESTAMPTZ(3) USING "createdAt" AT TIME ZONE 'UTC';

-- CreateTable
CREATE TABLE "CountSessionItem" (
    "practiceId" UUID NOT NULL,
    "sessionId" UUID NOT NULL,
    "itemId" UUID NOT NULL,

    CONSTRAINT "CountSessionItem_pkey" PRIMARY KEY ("practiceId","sessionId","itemId")
);

-- Count scopes move from CountSession.itemIds (uuid[], unchecked) to rows the database checks. Only ids
-- naming an item of the session's own practice can be kept: anything else was never a valid reference.
INSERT INTO "CountSessionItem" ("practiceId", "sessionId", "itemId")
SELECT DISTINCT s."practiceId", s."id", i."id"
FROM "CountSession" s CROSS JOIN LATERAL unnest(s."itemIds") AS scoped("itemId")
JOIN "Item" i ON i."id" = scoped."itemId" AND i."practiceId" = s."practiceId";

ALTER TABLE "CountSession" DROP COLUMN "itemIds";

-- CreateIndex
CREATE INDEX "CountSessionItem_practiceId_itemId_idx" ON "CountSessionItem"("practiceId", "itemId");

-- CreateIndex
CREATE UNIQUE INDEX "Item_practiceId_id_key" ON "Item"("practiceId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "PracticeSupplier_practiceId_id_key" ON "PracticeSupplier"("practiceId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Location_practiceId_id_key" ON "Location"("practiceId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Batch_practiceId_id_key" ON "Batch"("practiceId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Inventory_practiceId_id_key" ON "Inventory"("practiceId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Order_practiceId_id_key" ON "Order"("practiceId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Order_practiceId_number_key" ON "Order"("practiceId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "OrderItem_practiceId_id_key" ON "OrderItem"("practiceId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "OrderTemplate_practiceId_id_key" ON "OrderTemplate"("practiceId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "GoodsReceipt_practiceId_id_key" ON "GoodsReceipt"("practiceId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "CountSession_practiceId_id_key" ON "CountSession"("practiceId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "SyncClient_practiceId_id_key" ON "SyncClient"("practiceId", "id");

-- AddForeignKey
ALTER TABLE "Item" ADD CONSTRAINT "Item_practiceId_defaultSupplierId_fkey" FOREIGN KEY ("practiceId", "defaultSupplierId") REFERENCES "PracticeSupplier"("practiceId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PracticeSupplierItem" ADD CONSTRAINT "PracticeSupplierItem_practiceId_practiceSupplierId_fkey" FOREIGN KEY ("practiceId", "practiceSupplierId") REFERENCES "PracticeSupplier"("practiceId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PracticeSupplierItem" ADD CONSTRAINT "PracticeSupplierItem_practiceId_itemId_fkey" FOREIGN KEY ("practiceId", "itemId") REFERENCES "Item"("practiceId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Location" ADD CONSTRAINT "Location_practiceId_parentId_fkey" FOREIGN KEY ("practiceId", "parentId") REFERENCES "Location"("practiceId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Batch" ADD CONSTRAINT "Batch_practiceId_itemId_fkey" FOREIGN KEY ("practiceId", "itemId") REFERENCES "Item"("practiceId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Inventory" ADD CONSTRAINT "Inventory_practiceId_locationId_fkey" FOREIGN KEY ("practiceId", "locationId") REFERENCES "Location"("practiceId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Inventory" ADD CONSTRAINT "Inventory_practiceId_itemId_fkey" FOREIGN KEY ("practiceId", "itemId") REFERENCES "Item"("practiceId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Inventory" ADD CONSTRAINT "Inventory_practiceId_batchId_fkey" FOREIGN KEY ("practiceId", "batchId") REFERENCES "Batch"("practiceId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StockMovement" ADD CONSTRAINT "StockMovement_practiceId_inventoryId_fkey" FOREIGN KEY ("practiceId", "inventoryId") REFERENCES "Inventory"("practiceId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StockMovement" ADD CONSTRAINT "StockMovement_practiceId_locationId_fkey" FOREIGN KEY ("practiceId", "locationId") REFERENCES "Location"("practiceId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StockMovement" ADD CONSTRAINT "StockMovement_practiceId_itemId_fkey" FOREIGN KEY ("practiceId", "itemId") REFERENCES "Item"("practiceId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StockMovement" ADD CONSTRAINT "StockMovement_practiceId_batchId_fkey" FOREIGN KEY ("practiceId", "batchId") REFERENCES "Batch"("practiceId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StockAdjustment" ADD CONSTRAINT "StockAdjustment_practiceId_locationId_fkey" FOREIGN KEY ("practiceId", "locationId") REFERENCES "Location"("practiceId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StockAdjustment" ADD CONSTRAINT "StockAdjustment_practiceId_itemId_fkey" FOREIGN KEY ("practiceId", "itemId") REFERENCES "Item"("practiceId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StockAdjustment" ADD CONSTRAINT "StockAdjustment_practiceId_batchId_fkey" FOREIGN KEY ("practiceId", "batchId") REFERENCES "Batch"("practiceId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Transfer" ADD CONSTRAINT "Transfer_practiceId_fromLocationId_fkey" FOREIGN KEY ("practiceId", "fromLocationId") REFERENCES "Location"("practiceId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Transfer" ADD CONSTRAINT "Transfer_practiceId_toLocationId_fkey" FOREIGN KEY ("practiceId", "toLocationId") REFERENCES "Location"("practiceId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Transfer" ADD CONSTRAINT "Transfer_practiceId_itemId_fkey" FOREIGN KEY ("practiceId", "itemId") REFERENCES "Item"("practiceId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Transfer" ADD CONSTRAINT "Transfer_practiceId_batchId_fkey" FOREIGN KEY ("practiceId", "batchId") REFERENCES "Batch"("practiceId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Order" ADD CONSTRAINT "Order_practiceId_practiceSupplierId_fkey" FOREIGN KEY ("practiceId", "practiceSupplierId") REFERENCES "PracticeSupplier"("practiceId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Order" ADD CONSTRAINT "Order_practiceId_deliveryLocationId_fkey" FOREIGN KEY ("practiceId", "deliveryLocationId") REFERENCES "Location"("practiceId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderItem" ADD CONSTRAINT "OrderItem_practiceId_orderId_fkey" FOREIGN KEY ("practiceId", "orderId") REFERENCES "Order"("practiceId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderItem" ADD CONSTRAINT "OrderItem_practiceId_itemId_fkey" FOREIGN KEY ("practiceId", "itemId") REFERENCES "Item"("practiceId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderTemplate" ADD CONSTRAINT "OrderTemplate_practiceId_practiceSupplierId_fkey" FOREIGN KEY ("practiceId", "practiceSupplierId") REFERENCES "PracticeSupplier"("practiceId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderTemplateItem" ADD CONSTRAINT "OrderTemplateItem_practiceId_templateId_fkey" FOREIGN KEY ("practiceId", "templateId") REFERENCES "OrderTemplate"("practiceId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderTemplateItem" ADD CONSTRAINT "OrderTemplateItem_practiceId_itemId_fkey" FOREIGN KEY ("practiceId", "itemId") REFERENCES "Item"("practiceId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderTemplateItem" ADD CONSTRAINT "OrderTemplateItem_practiceId_practiceSupplierId_fkey" FOREIGN KEY ("practiceId", "practiceSupplierId") REFERENCES "PracticeSupplier"("practiceId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GoodsReceipt" ADD CONSTRAINT "GoodsReceipt_practiceId_orderId_fkey" FOREIGN KEY ("practiceId", "orderId") REFERENCES "Order"("practiceId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GoodsReceipt" ADD CONSTRAINT "GoodsReceipt_practiceId_locationId_fkey" FOREIGN KEY ("practiceId", "locationId") REFERENCES "Location"("practiceId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GoodsReceiptLine" ADD CONSTRAINT "GoodsReceiptLine_practiceId_receiptId_fkey" FOREIGN KEY ("practiceId", "receiptId") REFERENCES "GoodsReceipt"("practiceId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GoodsReceiptLine" ADD CONSTRAINT "GoodsReceiptLine_practiceId_itemId_fkey" FOREIGN KEY ("practiceId", "itemId") REFERENCES "Item"("practiceId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GoodsReceiptLine" ADD CONSTRAINT "GoodsReceiptLine_practiceId_orderItemId_fkey" FOREIGN KEY ("practiceId", "orderItemId") REFERENCES "OrderItem"("practiceId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GoodsReceiptLine" ADD CONSTRAINT "GoodsReceiptLine_practiceId_locationId_fkey" FOREIGN KEY ("practiceId", "locationId") REFERENCES "Location"("practiceId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GoodsReceiptLine" ADD CONSTRAINT "GoodsReceiptLine_practiceId_batchId_fkey" FOREIGN KEY ("practiceId", "batchId") REFERENCES "Batch"("practiceId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CountSession" ADD CONSTRAINT "CountSession_practiceId_locationId_fkey" FOREIGN KEY ("practiceId", "locationId") REFERENCES "Location"("practiceId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CountSessionItem" ADD CONSTRAINT "CountSessionItem_practiceId_fkey" FOREIGN KEY ("practiceId") REFERENCES "Practice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CountSessionItem" ADD CONSTRAINT "CountSessionItem_practiceId_sessionId_fkey" FOREIGN KEY ("practiceId", "sessionId") REFERENCES "CountSession"("practiceId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CountSessionItem" ADD CONSTRAINT "CountSessionItem_practiceId_itemId_fkey" FOREIGN KEY ("practiceId", "itemId") REFERENCES "Item"("practiceId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CountLine" ADD CONSTRAINT "CountLine_practiceId_sessionId_fkey" FOREIGN KEY ("practiceId", "sessionId") REFERENCES "CountSession"("practiceId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CountLine" ADD CONSTRAINT "CountLine_practiceId_itemId_fkey" FOREIGN KEY ("practiceId", "itemId") REFERENCES "Item"("practiceId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CountLine" ADD CONSTRAINT "CountLine_practiceId_locationId_fkey" FOREIGN KEY ("practiceId", "locationId") REFERENCES "Location"("practiceId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CountLine" ADD CONSTRAINT "CountLine_practiceId_batchId_fkey" FOREIGN KEY ("practiceId", "batchId") REFERENCES "Batch"("practiceId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CountConflict" ADD CONSTRAINT "CountConflict_practiceId_sessionId_fkey" FOREIGN KEY ("practiceId", "sessionId") REFERENCES "CountSession"("practiceId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CountConflict" ADD CONSTRAINT "CountConflict_practiceId_itemId_fkey" FOREIGN KEY ("practiceId", "itemId") REFERENCES "Item"("practiceId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CountConflict" ADD CONSTRAINT "CountConflict_practiceId_locationId_fkey" FOREIGN KEY ("practiceId", "locationId") REFERENCES "Location"("practiceId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CountConflict" ADD CONSTRAINT "CountConflict_practiceId_batchId_fkey" FOREIGN KEY ("practiceId", "batchId") REFERENCES "Batch"("practiceId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MutationResult" ADD CONSTRAINT "MutationResult_practiceId_clientId_fkey" FOREIGN KEY ("practiceId", "clientId") REFERENCES "SyncClient"("practiceId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ───────────── raw SQL that schema.prisma cannot express ─────────────

ALTER TABLE "Order" ADD CONSTRAINT "Order_currency_iso4217" CHECK ("currency" ~ '^[A-Z]{3}$');
ALTER TABLE "Order" ADD CONSTRAINT "Order_number_positive" CHECK ("number" IS NULL OR "number" > 0);
ALTER TABLE "PracticeSupplierItem" ADD CONSTRAINT "PracticeSupplierItem_currency_iso4217" CHECK ("currency" ~ '^[A-Z]{3}$');
ALTER TABLE "PracticeVersion" ADD CONSTRAINT "PracticeVersion_lastOrderNumber_nonnegative" CHECK ("lastOrderNumber" >= 0);

-- The new tenant table gets the same wall as the others (see 20261125150000_row_level_security).
ALTER TABLE "CountSessionItem" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "CountSessionItem" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "CountSessionItem" USING ("practiceId" = app_practice_id()) WITH CHECK ("practiceId" = app_practice_id());

-- Default privileges cover new tables only when the same user migrates; grant explicitly as well. The
-- global catalogue becomes read-only to the API role: practices add global rows only through the one
-- audited server path on the system connection (sync-server/services/global-catalogue.ts).
DO $$
DECLARE r text;
BEGIN
  FOREACH r IN ARRAY ARRAY['venzory_app', 'venzory_system'] LOOP
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = r) THEN
      EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON "CountSessionItem" TO %I', r);
    END IF;
  END LOOP;
  IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'venzory_app') THEN
    REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON "Product", "GlobalSupplier" FROM venzory_app;
    GRANT SELECT ON "Product", "GlobalSupplier" TO venzory_app;
  END IF;
  IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'venzory_system') THEN
    GRANT SELECT, INSERT, UPDATE, DELETE ON "Product", "GlobalSupplier" TO venzory_system;
  END IF;
END $$;
