// Operators the real service has and mingo lacks or answers differently, registered once before any query runs.
// Each file registers its own operators with mingo's useOperators: fidelity.ts (dates, strings, queries), geo.ts.
import './fidelity';
import './geo';
