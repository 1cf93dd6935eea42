import { faultTable } from './support/fault-table.js';

// Only the secret-masking requirements: the other security faults belong to the security area's own table.
faultTable(['CC-SEC-010', 'CC-SEC-011']);
