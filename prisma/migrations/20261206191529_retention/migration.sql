-- DropForeignKey
ALTER TABLE "Tip" DROP CONSTRAINT "Tip_residentId_fkey";

-- AlterTable
ALTER TABLE "Tip" ADD COLUMN     "erasedAt" TIMESTAMP(3),
ALTER COLUMN "residentId" DROP NOT NULL;

-- CreateIndex
CREATE INDEX "Resident_lastSeenAt_idx" ON "Resident"("lastSeenAt");

-- CreateIndex
CREATE INDEX "Tip_status_resolvedAt_idx" ON "Tip"("status", "resolvedAt");

-- CreateIndex
CREATE INDEX "InboundUpdate_receivedAt_idx" ON "InboundUpdate"("receivedAt");

-- CreateIndex
CREATE INDEX "ChatSession_updatedAt_idx" ON "ChatSession"("updatedAt");

-- AddForeignKey
ALTER TABLE "Tip" ADD CONSTRAINT "Tip_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "Resident"("id") ON DELETE SET NULL ON UPDATE CASCADE;

