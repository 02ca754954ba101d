import fs from 'fs';
import { actionNames, documentedActions, DOC_PATH, syncActionsDoc } from '../../scripts/actions-doc';

describe('docs/actions.md follows the contract', () => {
  const doc = fs.readFileSync(DOC_PATH, 'utf8');

  test('every action of the contract is documented, and nothing else', () => {
    expect(documentedActions(doc).sort()).toEqual(actionNames().sort());
  });

  test('every generated block is current (run `npm run docs:actions` after changing the contract)', () => {
    expect(syncActionsDoc(doc)).toBe(doc);
  });
});
