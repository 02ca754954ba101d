import fs from 'fs';
import { ACTION_ROLES } from '../../cloudfunctions/core/roles';
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

describe('docs/actions.md follows the role matrix', () => {
  const doc = fs.readFileSync(DOC_PATH, 'utf8');

  test.each(Object.entries(ACTION_ROLES))('the heading of %s names the roles of its row', (key, roles) => {
    const heading = new RegExp(`^### \`${key.replace('.', '\\.')}\` \\(([^)]*)\\)`, 'm').exec(doc);
    expect(heading?.[1]).toBe(roles.join(', '));
  });
});
