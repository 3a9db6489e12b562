// Every operation of the JSON API v1, in the order the reference lists them.
// lib/api/openapi.test.ts checks this list and the route files in app/api/v1 agree.
import type { Operation } from '../operation';
import { alertmanagerIntakeOp, grafanaIntakeOp } from './alerts';
import { getCheckRunsOp, getRunbookOp, launchCheckOp, listChecksOp, listRunbooksOp } from './catalog';
import { createHostsOp, deleteHostOp, listHostsOp, patchHostOp } from './hosts';
import { createIncidentOp, getIncidentOp, listIncidentsOp, updateIncidentOp } from './incidents';
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
  listHostsOp,
  createHostsOp,
  patchHostOp,
  deleteHostOp,
  alertmanagerIntakeOp,
  grafanaIntakeOp,
  openApiOp,
];
