// Date, string and query operators and pipeline stages as the real service (MongoDB) answers them.
//
// mingo's useOperators cannot replace an operator once `mingo/init/system` registered it ("Cannot change operator
// function once registered"), so operators mingo answers differently live in FIDELITY_CONTEXT: a mingo Context
// consulted before the global one (queryEngine.ts puts it in MINGO_OPTIONS, which every Query and Aggregator here
// uses). Operators mingo lacks are registered globally with useOperators.
import 'mingo/init/system';
import { Context, OpType, useOperators } from 'mingo/core';
import { DATE_OPERATORS } from './dates';
import { $bucket } from './pipeline';
import { QUERY_OVERRIDES } from './queries';
import { NEW_STRING_OPERATORS, STRING_OVERRIDES } from './strings';

useOperators(OpType.EXPRESSION, NEW_STRING_OPERATORS);

export const FIDELITY_CONTEXT = Context.init({
  [OpType.EXPRESSION]: { ...DATE_OPERATORS, ...STRING_OVERRIDES },
  [OpType.QUERY]: QUERY_OVERRIDES,
  [OpType.PIPELINE]: { $bucket },
});
