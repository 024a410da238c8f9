-- AlterTable
ALTER TABLE "Resident" ADD COLUMN     "tipNotices" BOOLEAN NOT NULL DEFAULT true;

