-- AlterTable
ALTER TABLE "check_runs" ADD COLUMN     "argv" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "duration_ms" INTEGER;

-- AlterTable
ALTER TABLE "checks" ADD COLUMN     "content_hash" TEXT;

-- AlterTable
ALTER TABLE "hosts" DROP COLUMN "credential_ref",
ADD COLUMN     "secret_sealed" TEXT NOT NULL,
ADD COLUMN     "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
