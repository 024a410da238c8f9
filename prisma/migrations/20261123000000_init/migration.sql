-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Channel" AS ENUM ('TELEGRAM', 'ZALO_OA', 'ZALO_BOT', 'WEB');

-- CreateEnum
CREATE TYPE "OfficerRole" AS ENUM ('WARD_OFFICER', 'WARD_LEADER', 'PROVINCE_OFFICER', 'ADMIN');

-- CreateEnum
CREATE TYPE "TipStatus" AS ENUM ('NEW', 'CLAIMED', 'RESOLVED');

-- CreateEnum
CREATE TYPE "MessageAuthor" AS ENUM ('TIPSTER', 'OFFICER', 'SYSTEM');

-- CreateEnum
CREATE TYPE "GroupPurpose" AS ENUM ('UNASSIGNED', 'INBOX', 'AUDIENCE');

-- CreateTable
CREATE TABLE "Province" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameAscii" TEXT NOT NULL,
    "inboxGroupId" INTEGER,

    CONSTRAINT "Province_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "Ward" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameAscii" TEXT NOT NULL,
    "provinceCode" TEXT NOT NULL,
    "centroidLat" DOUBLE PRECISION,
    "centroidLng" DOUBLE PRECISION,
    "boundary" JSONB,
    "targetHours" INTEGER NOT NULL DEFAULT 24,
    "inboxGroupId" INTEGER,

    CONSTRAINT "Ward_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WardAlias" (
    "id" SERIAL NOT NULL,
    "oldCode" TEXT,
    "oldName" TEXT NOT NULL,
    "oldNameAscii" TEXT NOT NULL,
    "oldDistrict" TEXT NOT NULL,
    "oldProvince" TEXT NOT NULL,
    "wardCode" TEXT NOT NULL,

    CONSTRAINT "WardAlias_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Officer" (
    "id" SERIAL NOT NULL,
    "telegramUserId" BIGINT,
    "zaloUserId" TEXT,
    "displayName" TEXT NOT NULL,
    "role" "OfficerRole" NOT NULL DEFAULT 'WARD_OFFICER',
    "canBroadcast" BOOLEAN NOT NULL DEFAULT false,
    "wardId" INTEGER,
    "provinceCode" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Officer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Resident" (
    "id" SERIAL NOT NULL,
    "pseudonym" TEXT NOT NULL,
    "channel" "Channel" NOT NULL,
    "chatRef" TEXT NOT NULL,
    "language" TEXT NOT NULL DEFAULT 'vi',
    "wardId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Resident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChatGroup" (
    "id" SERIAL NOT NULL,
    "channel" "Channel" NOT NULL,
    "chatId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "memberCount" INTEGER,
    "purpose" "GroupPurpose" NOT NULL DEFAULT 'UNASSIGNED',
    "wardId" INTEGER,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChatGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BindingCode" (
    "id" SERIAL NOT NULL,
    "codeHash" TEXT NOT NULL,
    "wardId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),

    CONSTRAINT "BindingCode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Tip" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "sourceKey" TEXT NOT NULL,
    "channel" "Channel" NOT NULL,
    "residentId" INTEGER NOT NULL,
    "provinceCode" TEXT,
    "wardId" INTEGER,
    "status" "TipStatus" NOT NULL DEFAULT 'NEW',
    "valuable" BOOLEAN,
    "category" TEXT NOT NULL,
    "place" TEXT,
    "happenedAt" TEXT,
    "text" TEXT NOT NULL,
    "lat" DOUBLE PRECISION,
    "lng" DOUBLE PRECISION,
    "anonymous" BOOLEAN NOT NULL DEFAULT true,
    "identitySealed" TEXT,
    "claimedById" INTEGER,
    "outcome" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "routedAt" TIMESTAMP(3),
    "firstActionAt" TIMESTAMP(3),
    "resolvedAt" TIMESTAMP(3),

    CONSTRAINT "Tip_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TipMessage" (
    "id" SERIAL NOT NULL,
    "tipId" INTEGER NOT NULL,
    "author" "MessageAuthor" NOT NULL,
    "officerId" INTEGER,
    "text" TEXT NOT NULL,
    "sourceKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "relayedAt" TIMESTAMP(3),

    CONSTRAINT "TipMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Attachment" (
    "id" SERIAL NOT NULL,
    "tipId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "fileRef" TEXT NOT NULL,
    "mime" TEXT,
    "sizeBytes" INTEGER,
    "cleanRef" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Attachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TipEvent" (
    "id" BIGSERIAL NOT NULL,
    "tipId" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "officerId" INTEGER,
    "data" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TipEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TipCard" (
    "id" SERIAL NOT NULL,
    "tipId" INTEGER NOT NULL,
    "groupId" INTEGER NOT NULL,
    "messageId" TEXT,
    "readOnly" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TipCard_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InboundUpdate" (
    "channel" "Channel" NOT NULL,
    "externalId" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" TIMESTAMP(3),

    CONSTRAINT "InboundUpdate_pkey" PRIMARY KEY ("channel","externalId")
);

-- CreateTable
CREATE TABLE "ChatSession" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChatSession_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "SentMessage" (
    "key" TEXT NOT NULL,
    "messageId" TEXT,
    "sentAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SentMessage_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "Province_inboxGroupId_key" ON "Province"("inboxGroupId");

-- CreateIndex
CREATE UNIQUE INDEX "Ward_code_key" ON "Ward"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Ward_inboxGroupId_key" ON "Ward"("inboxGroupId");

-- CreateIndex
CREATE INDEX "Ward_provinceCode_idx" ON "Ward"("provinceCode");

-- CreateIndex
CREATE INDEX "Ward_nameAscii_idx" ON "Ward"("nameAscii");

-- CreateIndex
CREATE INDEX "WardAlias_oldNameAscii_idx" ON "WardAlias"("oldNameAscii");

-- CreateIndex
CREATE INDEX "WardAlias_wardCode_idx" ON "WardAlias"("wardCode");

-- CreateIndex
CREATE UNIQUE INDEX "Officer_telegramUserId_key" ON "Officer"("telegramUserId");

-- CreateIndex
CREATE UNIQUE INDEX "Officer_zaloUserId_key" ON "Officer"("zaloUserId");

-- CreateIndex
CREATE UNIQUE INDEX "Resident_pseudonym_key" ON "Resident"("pseudonym");

-- CreateIndex
CREATE UNIQUE INDEX "ChatGroup_channel_chatId_key" ON "ChatGroup"("channel", "chatId");

-- CreateIndex
CREATE UNIQUE INDEX "BindingCode_codeHash_key" ON "BindingCode"("codeHash");

-- CreateIndex
CREATE UNIQUE INDEX "Tip_code_key" ON "Tip"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Tip_sourceKey_key" ON "Tip"("sourceKey");

-- CreateIndex
CREATE INDEX "Tip_wardId_status_createdAt_idx" ON "Tip"("wardId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "Tip_residentId_createdAt_idx" ON "Tip"("residentId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "TipMessage_sourceKey_key" ON "TipMessage"("sourceKey");

-- CreateIndex
CREATE INDEX "TipMessage_tipId_createdAt_idx" ON "TipMessage"("tipId", "createdAt");

-- CreateIndex
CREATE INDEX "Attachment_tipId_idx" ON "Attachment"("tipId");

-- CreateIndex
CREATE INDEX "TipEvent_tipId_createdAt_idx" ON "TipEvent"("tipId", "createdAt");

-- CreateIndex
CREATE INDEX "TipCard_groupId_messageId_idx" ON "TipCard"("groupId", "messageId");

-- CreateIndex
CREATE UNIQUE INDEX "TipCard_tipId_groupId_key" ON "TipCard"("tipId", "groupId");

-- AddForeignKey
ALTER TABLE "Province" ADD CONSTRAINT "Province_inboxGroupId_fkey" FOREIGN KEY ("inboxGroupId") REFERENCES "ChatGroup"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ward" ADD CONSTRAINT "Ward_provinceCode_fkey" FOREIGN KEY ("provinceCode") REFERENCES "Province"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ward" ADD CONSTRAINT "Ward_inboxGroupId_fkey" FOREIGN KEY ("inboxGroupId") REFERENCES "ChatGroup"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WardAlias" ADD CONSTRAINT "WardAlias_wardCode_fkey" FOREIGN KEY ("wardCode") REFERENCES "Ward"("code") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Officer" ADD CONSTRAINT "Officer_wardId_fkey" FOREIGN KEY ("wardId") REFERENCES "Ward"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Officer" ADD CONSTRAINT "Officer_provinceCode_fkey" FOREIGN KEY ("provinceCode") REFERENCES "Province"("code") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Resident" ADD CONSTRAINT "Resident_wardId_fkey" FOREIGN KEY ("wardId") REFERENCES "Ward"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChatGroup" ADD CONSTRAINT "ChatGroup_wardId_fkey" FOREIGN KEY ("wardId") REFERENCES "Ward"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BindingCode" ADD CONSTRAINT "BindingCode_wardId_fkey" FOREIGN KEY ("wardId") REFERENCES "Ward"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Tip" ADD CONSTRAINT "Tip_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "Resident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Tip" ADD CONSTRAINT "Tip_provinceCode_fkey" FOREIGN KEY ("provinceCode") REFERENCES "Province"("code") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Tip" ADD CONSTRAINT "Tip_wardId_fkey" FOREIGN KEY ("wardId") REFERENCES "Ward"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Tip" ADD CONSTRAINT "Tip_claimedById_fkey" FOREIGN KEY ("claimedById") REFERENCES "Officer"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TipMessage" ADD CONSTRAINT "TipMessage_tipId_fkey" FOREIGN KEY ("tipId") REFERENCES "Tip"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TipMessage" ADD CONSTRAINT "TipMessage_officerId_fkey" FOREIGN KEY ("officerId") REFERENCES "Officer"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_tipId_fkey" FOREIGN KEY ("tipId") REFERENCES "Tip"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TipEvent" ADD CONSTRAINT "TipEvent_tipId_fkey" FOREIGN KEY ("tipId") REFERENCES "Tip"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TipEvent" ADD CONSTRAINT "TipEvent_officerId_fkey" FOREIGN KEY ("officerId") REFERENCES "Officer"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TipCard" ADD CONSTRAINT "TipCard_tipId_fkey" FOREIGN KEY ("tipId") REFERENCES "Tip"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TipCard" ADD CONSTRAINT "TipCard_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "ChatGroup"("id") ON DELETE CASCADE ON UPDATE CASCADE;

