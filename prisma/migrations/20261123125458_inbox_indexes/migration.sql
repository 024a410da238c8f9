-- CreateIndex
CREATE INDEX "Tip_wardId_priority_createdAt_idx" ON "Tip"("wardId", "priority" DESC, "createdAt");

-- CreateIndex
CREATE INDEX "Tip_wardId_createdAt_idx" ON "Tip"("wardId", "createdAt");

