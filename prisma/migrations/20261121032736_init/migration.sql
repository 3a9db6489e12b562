-- CreateEnum
CREATE TYPE "Role" AS ENUM ('viewer', 'author', 'operator', 'admin');

-- CreateEnum
CREATE TYPE "Severity" AS ENUM ('SEV1', 'SEV2', 'SEV3', 'SEV4');

-- CreateEnum
CREATE TYPE "IncidentStatus" AS ENUM ('draft', 'investigating', 'mitigated', 'resolved');

-- CreateEnum
CREATE TYPE "RootCause" AS ENUM ('known', 'suspected', 'unknown');

-- CreateEnum
CREATE TYPE "TimelineKind" AS ENUM ('detection', 'diagnosis', 'action', 'communication', 'recovery', 'evidence');

-- CreateEnum
CREATE TYPE "ActionItemStatus" AS ENUM ('open', 'in_progress', 'done', 'wont_do');

-- CreateEnum
CREATE TYPE "CheckExpectKind" AS ENUM ('exit_code', 'equals', 'contains', 'regex');

-- CreateEnum
CREATE TYPE "CheckRunStatus" AS ENUM ('queued', 'running', 'passed', 'failed', 'timed_out', 'error');

-- CreateTable
CREATE TABLE "users" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" "Role" NOT NULL DEFAULT 'viewer',
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "incidents" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "severity" "Severity" NOT NULL,
    "status" "IncidentStatus" NOT NULL,
    "root_cause" "RootCause" NOT NULL DEFAULT 'unknown',
    "timezone" TEXT NOT NULL DEFAULT 'UTC',
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "detected_at" TIMESTAMPTZ(3),
    "mitigated_at" TIMESTAMPTZ(3),
    "resolved_at" TIMESTAMPTZ(3),
    "impact" TEXT NOT NULL DEFAULT '',
    "lessons" TEXT NOT NULL DEFAULT '',
    "narrative" TEXT NOT NULL DEFAULT '',
    "author" TEXT,
    "source_url" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "content_hash" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "incidents_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "symptoms" (
    "id" TEXT NOT NULL,
    "incident_id" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "text" TEXT NOT NULL,

    CONSTRAINT "symptoms_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "timeline_entries" (
    "id" TEXT NOT NULL,
    "incident_id" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "kind" "TimelineKind" NOT NULL,
    "text" TEXT NOT NULL,
    "check_run_id" TEXT,

    CONSTRAINT "timeline_entries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "contributing_factors" (
    "id" TEXT NOT NULL,
    "incident_id" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "detail" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "contributing_factors_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "resolution_steps" (
    "id" TEXT NOT NULL,
    "incident_id" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "command" TEXT,
    "check_slug" TEXT,

    CONSTRAINT "resolution_steps_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "action_items" (
    "id" TEXT NOT NULL,
    "incident_id" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "owner" TEXT,
    "due" DATE,
    "status" "ActionItemStatus" NOT NULL DEFAULT 'open',

    CONSTRAINT "action_items_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "services" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "services_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tags" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "tags_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "incident_services" (
    "incident_id" TEXT NOT NULL,
    "service_id" TEXT NOT NULL,

    CONSTRAINT "incident_services_pkey" PRIMARY KEY ("incident_id","service_id")
);

-- CreateTable
CREATE TABLE "incident_tags" (
    "incident_id" TEXT NOT NULL,
    "tag_id" TEXT NOT NULL,

    CONSTRAINT "incident_tags_pkey" PRIMARY KEY ("incident_id","tag_id")
);

-- CreateTable
CREATE TABLE "runbooks" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL DEFAULT '',
    "body" TEXT NOT NULL,
    "owner" TEXT,
    "reviewed_at" DATE,
    "version" INTEGER NOT NULL DEFAULT 1,
    "content_hash" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "runbooks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "runbook_services" (
    "runbook_id" TEXT NOT NULL,
    "service_id" TEXT NOT NULL,

    CONSTRAINT "runbook_services_pkey" PRIMARY KEY ("runbook_id","service_id")
);

-- CreateTable
CREATE TABLE "runbook_tags" (
    "runbook_id" TEXT NOT NULL,
    "tag_id" TEXT NOT NULL,

    CONSTRAINT "runbook_tags_pkey" PRIMARY KEY ("runbook_id","tag_id")
);

-- CreateTable
CREATE TABLE "incident_runbooks" (
    "incident_id" TEXT NOT NULL,
    "runbook_id" TEXT NOT NULL,

    CONSTRAINT "incident_runbooks_pkey" PRIMARY KEY ("incident_id","runbook_id")
);

-- CreateTable
CREATE TABLE "incident_revisions" (
    "id" TEXT NOT NULL,
    "incident_id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "snapshot" JSONB NOT NULL,
    "author_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "incident_revisions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "checks" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "argv" JSONB NOT NULL,
    "params" JSONB NOT NULL DEFAULT '[]',
    "expect_kind" "CheckExpectKind" NOT NULL DEFAULT 'exit_code',
    "expect_value" TEXT,
    "read_only" BOOLEAN NOT NULL DEFAULT true,
    "timeout_ms" INTEGER NOT NULL DEFAULT 10000,
    "target_role" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "checks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "runbook_checks" (
    "runbook_id" TEXT NOT NULL,
    "check_id" TEXT NOT NULL,

    CONSTRAINT "runbook_checks_pkey" PRIMARY KEY ("runbook_id","check_id")
);

-- CreateTable
CREATE TABLE "hosts" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "agent_url" TEXT NOT NULL,
    "credential_ref" TEXT NOT NULL,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "hosts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "check_runs" (
    "id" TEXT NOT NULL,
    "check_id" TEXT NOT NULL,
    "host_id" TEXT NOT NULL,
    "params" JSONB NOT NULL DEFAULT '{}',
    "requested_by_id" TEXT,
    "status" "CheckRunStatus" NOT NULL DEFAULT 'queued',
    "exit_code" INTEGER,
    "stdout" TEXT NOT NULL DEFAULT '',
    "stderr" TEXT NOT NULL DEFAULT '',
    "stdout_truncated" BOOLEAN NOT NULL DEFAULT false,
    "stderr_truncated" BOOLEAN NOT NULL DEFAULT false,
    "verdict" TEXT,
    "message" TEXT,
    "incident_id" TEXT,
    "runbook_id" TEXT,
    "batch_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "check_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_events" (
    "id" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_id" TEXT,
    "action" TEXT NOT NULL,
    "target_type" TEXT,
    "target_id" TEXT,
    "outcome" TEXT NOT NULL,
    "request_id" TEXT,
    "details" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE UNIQUE INDEX "incidents_slug_key" ON "incidents"("slug");

-- CreateIndex
CREATE INDEX "incidents_started_at_idx" ON "incidents"("started_at" DESC);

-- CreateIndex
CREATE INDEX "incidents_severity_idx" ON "incidents"("severity");

-- CreateIndex
CREATE INDEX "incidents_status_idx" ON "incidents"("status");

-- CreateIndex
CREATE UNIQUE INDEX "symptoms_incident_id_position_key" ON "symptoms"("incident_id", "position");

-- CreateIndex
CREATE UNIQUE INDEX "timeline_entries_check_run_id_key" ON "timeline_entries"("check_run_id");

-- CreateIndex
CREATE UNIQUE INDEX "timeline_entries_incident_id_position_key" ON "timeline_entries"("incident_id", "position");

-- CreateIndex
CREATE UNIQUE INDEX "contributing_factors_incident_id_position_key" ON "contributing_factors"("incident_id", "position");

-- CreateIndex
CREATE UNIQUE INDEX "resolution_steps_incident_id_position_key" ON "resolution_steps"("incident_id", "position");

-- CreateIndex
CREATE UNIQUE INDEX "action_items_incident_id_position_key" ON "action_items"("incident_id", "position");

-- CreateIndex
CREATE UNIQUE INDEX "services_name_key" ON "services"("name");

-- CreateIndex
CREATE UNIQUE INDEX "tags_name_key" ON "tags"("name");

-- CreateIndex
CREATE INDEX "incident_services_service_id_idx" ON "incident_services"("service_id");

-- CreateIndex
CREATE INDEX "incident_tags_tag_id_idx" ON "incident_tags"("tag_id");

-- CreateIndex
CREATE UNIQUE INDEX "runbooks_slug_key" ON "runbooks"("slug");

-- CreateIndex
CREATE INDEX "incident_runbooks_runbook_id_idx" ON "incident_runbooks"("runbook_id");

-- CreateIndex
CREATE UNIQUE INDEX "incident_revisions_incident_id_version_key" ON "incident_revisions"("incident_id", "version");

-- CreateIndex
CREATE UNIQUE INDEX "checks_slug_key" ON "checks"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "hosts_name_key" ON "hosts"("name");

-- CreateIndex
CREATE INDEX "hosts_role_idx" ON "hosts"("role");

-- CreateIndex
CREATE INDEX "check_runs_check_id_created_at_idx" ON "check_runs"("check_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "check_runs_host_id_created_at_idx" ON "check_runs"("host_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "check_runs_incident_id_idx" ON "check_runs"("incident_id");

-- CreateIndex
CREATE INDEX "check_runs_batch_id_idx" ON "check_runs"("batch_id");

-- CreateIndex
CREATE INDEX "audit_events_at_idx" ON "audit_events"("at" DESC);

-- CreateIndex
CREATE INDEX "audit_events_actor_id_idx" ON "audit_events"("actor_id");

-- AddForeignKey
ALTER TABLE "symptoms" ADD CONSTRAINT "symptoms_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incidents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "timeline_entries" ADD CONSTRAINT "timeline_entries_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incidents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "timeline_entries" ADD CONSTRAINT "timeline_entries_check_run_id_fkey" FOREIGN KEY ("check_run_id") REFERENCES "check_runs"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contributing_factors" ADD CONSTRAINT "contributing_factors_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incidents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "resolution_steps" ADD CONSTRAINT "resolution_steps_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incidents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incidents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incident_services" ADD CONSTRAINT "incident_services_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incidents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incident_services" ADD CONSTRAINT "incident_services_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incident_tags" ADD CONSTRAINT "incident_tags_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incidents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incident_tags" ADD CONSTRAINT "incident_tags_tag_id_fkey" FOREIGN KEY ("tag_id") REFERENCES "tags"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "runbook_services" ADD CONSTRAINT "runbook_services_runbook_id_fkey" FOREIGN KEY ("runbook_id") REFERENCES "runbooks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "runbook_services" ADD CONSTRAINT "runbook_services_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "runbook_tags" ADD CONSTRAINT "runbook_tags_runbook_id_fkey" FOREIGN KEY ("runbook_id") REFERENCES "runbooks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "runbook_tags" ADD CONSTRAINT "runbook_tags_tag_id_fkey" FOREIGN KEY ("tag_id") REFERENCES "tags"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incident_runbooks" ADD CONSTRAINT "incident_runbooks_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incidents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incident_runbooks" ADD CONSTRAINT "incident_runbooks_runbook_id_fkey" FOREIGN KEY ("runbook_id") REFERENCES "runbooks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incident_revisions" ADD CONSTRAINT "incident_revisions_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incidents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incident_revisions" ADD CONSTRAINT "incident_revisions_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "runbook_checks" ADD CONSTRAINT "runbook_checks_runbook_id_fkey" FOREIGN KEY ("runbook_id") REFERENCES "runbooks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "runbook_checks" ADD CONSTRAINT "runbook_checks_check_id_fkey" FOREIGN KEY ("check_id") REFERENCES "checks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "check_runs" ADD CONSTRAINT "check_runs_check_id_fkey" FOREIGN KEY ("check_id") REFERENCES "checks"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "check_runs" ADD CONSTRAINT "check_runs_host_id_fkey" FOREIGN KEY ("host_id") REFERENCES "hosts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "check_runs" ADD CONSTRAINT "check_runs_requested_by_id_fkey" FOREIGN KEY ("requested_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "check_runs" ADD CONSTRAINT "check_runs_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incidents"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "check_runs" ADD CONSTRAINT "check_runs_runbook_id_fkey" FOREIGN KEY ("runbook_id") REFERENCES "runbooks"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
