import { faultTable } from './support/fault-table.js';

faultTable(['CC-SEC-']);
