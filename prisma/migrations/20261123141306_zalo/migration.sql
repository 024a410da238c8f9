-- AlterTable
ALTER TABLE "Resident" ADD COLUMN     "unreachable" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "windowOpenedAt" TIMESTAMP(3),
ADD COLUMN     "windowReplies" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN     "plainText" TEXT;

-- CreateTable
CREATE TABLE "ZaloToken" (
    "id" TEXT NOT NULL,
    "accessSealed" TEXT NOT NULL,
    "refreshSealed" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "seedHash" TEXT NOT NULL,
    "refreshedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ZaloToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ZaloQuota" (
    "month" TEXT NOT NULL,
    "used" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ZaloQuota_pkey" PRIMARY KEY ("month")
);

