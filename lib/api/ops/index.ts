// Every operation of the JSON API v1, in the order the reference lists them.
// lib/api/openapi.test.ts checks this list and the route files in app/api/v1 agree.
import type { Operation } from '../operation';
import { alertmanagerIntakeOp, grafanaIntakeOp } from './alerts';
import { approveOp, listApprovalsOp, rejectOp } from './approvals';
import { checkRunEventsOp, getCheckRunsOp, getRunbookOp, launchCheckOp, listChecksOp, listRunbooksOp } from './catalog';
import { createHostsOp, deleteHostOp, listHostsOp, patchHostOp } from './hosts';
import { createIncidentOp, getIncidentOp, listIncidentsOp, updateIncidentOp } from './incidents';
import { insightsOp, listActionItemsOp } from './learning';
import { openApiOp } from './meta';

export const OPERATIONS: readonly Operation[] = [
  listIncidentsOp,
  getIncidentOp,
  createIncidentOp,
  updateIncidentOp,
  listRunbooksOp,
  getRunbookOp,
  listChecksOp,
  launchCheckOp,
  getCheckRunsOp,
  checkRunEventsOp,
  listApprovalsOp,
  approveOp,
  rejectOp,
  listHostsOp,
  createHostsOp,
  patchHostOp,
  deleteHostOp,
  listActionItemsOp,
  insightsOp,
  alertmanagerIntakeOp,
  grafanaIntakeOp,
  openApiOp,
];
