// Tests reach the testbed through the same loader as the demo.
export { loadTestbed, repoRoot, type Testbed } from '../../testbed/load.js';
