-- CreateEnum
CREATE TYPE "IndicatorKind" AS ENUM ('PHONE', 'BANK_ACCOUNT', 'DOMAIN', 'ACCOUNT');

-- CreateEnum
CREATE TYPE "IndicatorStatus" AS ENUM ('REPORTED', 'CONFIRMED', 'CLEARED');

-- AlterTable
ALTER TABLE "Tip" ADD COLUMN     "origin" TEXT NOT NULL DEFAULT 'report',
ADD COLUMN     "priority" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "Indicator" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "kind" "IndicatorKind" NOT NULL,
    "value" TEXT NOT NULL,
    "detail" JSONB,
    "status" "IndicatorStatus" NOT NULL DEFAULT 'REPORTED',
    "tactic" TEXT,
    "reportCount" INTEGER NOT NULL DEFAULT 0,
    "firstReportedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastReportedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedById" INTEGER,
    "decidedAt" TIMESTAMP(3),

    CONSTRAINT "Indicator_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IndicatorReport" (
    "id" SERIAL NOT NULL,
    "indicatorId" INTEGER NOT NULL,
    "tipId" INTEGER NOT NULL,
    "residentId" INTEGER NOT NULL,
    "wardId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IndicatorReport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Indicator_key_key" ON "Indicator"("key");

-- CreateIndex
CREATE INDEX "Indicator_lastReportedAt_idx" ON "Indicator"("lastReportedAt");

-- CreateIndex
CREATE INDEX "IndicatorReport_tipId_idx" ON "IndicatorReport"("tipId");

-- CreateIndex
CREATE INDEX "IndicatorReport_wardId_createdAt_idx" ON "IndicatorReport"("wardId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "IndicatorReport_indicatorId_tipId_key" ON "IndicatorReport"("indicatorId", "tipId");

-- AddForeignKey
ALTER TABLE "Indicator" ADD CONSTRAINT "Indicator_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "Officer"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IndicatorReport" ADD CONSTRAINT "IndicatorReport_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "Indicator"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IndicatorReport" ADD CONSTRAINT "IndicatorReport_tipId_fkey" FOREIGN KEY ("tipId") REFERENCES "Tip"("id") ON DELETE CASCADE ON UPDATE CASCADE;

