// The shared conformance vectors against the nodejs WASM package, one test per
// case, including the cases that read upstream fixtures ($TRUSTLOOP_FIXTURES).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { trustloop } from './support/load.mjs';
import { fixturesPresent, reportMissingFixtures } from './support/paths.mjs';
import { exposedOp, forThisHost, loadCases, runCase, usesFixture } from './support/vectors.mjs';

const all = loadCases().filter(forThisHost);
const cases = all.filter(exposedOp);
const otherOps = {};
for (const c of all.filter((x) => !exposedOp(x))) otherOps[c.op] = (otherOps[c.op] ?? 0) + 1;

// Every op runs here; a new op needs its mapping in support/vectors.mjs.
test('every vector op runs in the wasm host', () => {
  const list = Object.entries(otherOps).map(([op, n]) => `${op} (${n})`).join(', ');
  assert.deepEqual(otherOps, {}, `NOT RUN (ops this runner does not know): ${list}`);
});
const haveFixtures = fixturesPresent();
const skipped = haveFixtures ? 0 : cases.filter(usesFixture).length;

test('vector files load', () => {
  assert.ok(cases.length > 0, 'no vectors found under tests/vectors');
});

if (skipped > 0) {
  const mustFail = reportMissingFixtures(skipped);
  test('fixtures folder present', { skip: !mustFail && 'fixtures folder missing (not CI)' }, () => {
    assert.fail(`CI=true and the fixtures folder is missing: ${skipped} fixture cases did not run`);
  });
}

for (const c of cases) {
  const skip = !haveFixtures && usesFixture(c) ? 'NOT RUN: fixtures folder missing' : false;
  test(c.id, { skip }, () => {
    const problems = runCase(trustloop, c);
    assert.deepEqual(problems, [], problems.join('\n'));
  });
}
