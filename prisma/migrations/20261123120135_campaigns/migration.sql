-- CreateEnum
CREATE TYPE "CampaignStatus" AS ENUM ('SCHEDULED', 'RUNNING', 'PAUSED', 'CANCELLED', 'DONE');

-- CreateEnum
CREATE TYPE "DeliveryStatus" AS ENUM ('PENDING', 'SENDING', 'SENT', 'UNCONFIRMED', 'FAILED', 'BLOCKED', 'SKIPPED');

-- AlterTable
ALTER TABLE "ChatGroup" ADD COLUMN     "tags" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "Subscription" (
    "id" SERIAL NOT NULL,
    "residentId" INTEGER NOT NULL,
    "wardId" INTEGER NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Subscription_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Campaign" (
    "id" SERIAL NOT NULL,
    "officerId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "templateKey" TEXT,
    "sourceChatId" TEXT NOT NULL,
    "sourceMessageIds" INTEGER[],
    "target" JSONB NOT NULL,
    "status" "CampaignStatus" NOT NULL DEFAULT 'RUNNING',
    "generation" INTEGER NOT NULL DEFAULT 0,
    "fanoutCursor" TEXT,
    "fanoutDone" BOOLEAN NOT NULL DEFAULT false,
    "scheduledAt" TIMESTAMP(3),
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "statusChatId" TEXT,
    "statusMessageId" INTEGER,
    "locale" TEXT NOT NULL DEFAULT 'vi',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Campaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CampaignDelivery" (
    "id" SERIAL NOT NULL,
    "campaignId" INTEGER NOT NULL,
    "groupId" INTEGER,
    "residentId" INTEGER,
    "status" "DeliveryStatus" NOT NULL DEFAULT 'PENDING',
    "reason" TEXT,
    "messageId" INTEGER,
    "reach" INTEGER,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "claimedAt" TIMESTAMP(3),
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "CampaignDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CampaignReply" (
    "id" SERIAL NOT NULL,
    "campaignId" INTEGER NOT NULL,
    "deliveryId" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CampaignReply_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Subscription_residentId_key" ON "Subscription"("residentId");

-- CreateIndex
CREATE INDEX "Subscription_wardId_active_id_idx" ON "Subscription"("wardId", "active", "id");

-- CreateIndex
CREATE INDEX "Campaign_officerId_createdAt_idx" ON "Campaign"("officerId", "createdAt");

-- CreateIndex
CREATE INDEX "CampaignDelivery_campaignId_status_id_idx" ON "CampaignDelivery"("campaignId", "status", "id");

-- CreateIndex
CREATE INDEX "CampaignDelivery_groupId_messageId_idx" ON "CampaignDelivery"("groupId", "messageId");

-- CreateIndex
CREATE INDEX "CampaignDelivery_residentId_messageId_idx" ON "CampaignDelivery"("residentId", "messageId");

-- CreateIndex
CREATE UNIQUE INDEX "CampaignDelivery_campaignId_groupId_key" ON "CampaignDelivery"("campaignId", "groupId");

-- CreateIndex
CREATE UNIQUE INDEX "CampaignDelivery_campaignId_residentId_key" ON "CampaignDelivery"("campaignId", "residentId");

-- CreateIndex
CREATE UNIQUE INDEX "CampaignReply_key_key" ON "CampaignReply"("key");

-- CreateIndex
CREATE INDEX "CampaignReply_campaignId_idx" ON "CampaignReply"("campaignId");

-- AddForeignKey
ALTER TABLE "Subscription" ADD CONSTRAINT "Subscription_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "Resident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Subscription" ADD CONSTRAINT "Subscription_wardId_fkey" FOREIGN KEY ("wardId") REFERENCES "Ward"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Campaign" ADD CONSTRAINT "Campaign_officerId_fkey" FOREIGN KEY ("officerId") REFERENCES "Officer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignDelivery" ADD CONSTRAINT "CampaignDelivery_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignDelivery" ADD CONSTRAINT "CampaignDelivery_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "ChatGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignDelivery" ADD CONSTRAINT "CampaignDelivery_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "Resident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignReply" ADD CONSTRAINT "CampaignReply_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

