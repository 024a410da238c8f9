-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN     "requestKey" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Campaign_requestKey_key" ON "Campaign"("requestKey");

