import { faultTable } from './support/fault-table.js';

// CC-SEC-010 and CC-SEC-011 have their own table (faults-secret-masking.test.ts).
faultTable(['CC-SEC-003', 'CC-SEC-004', 'CC-SEC-005', 'CC-SEC-006']);
