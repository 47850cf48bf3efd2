import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PlanPointOption } from '../../../shared/model/plan';
import { matchPoints } from '../../../renderer/features/plans/PlanPointPicker';

const point = (number: number, text: string): PlanPointOption => ({
  id: `p${number}`,
  label: `US plan · 19-point revision · point ${number}`,
  text,
  planId: 'plan',
  planTitle: 'US plan',
  versionId: 'v2',
  versionLabel: '19-point revision',
  number,
});
const points = [point(3, 'Crimea, Luhansk and Donetsk will be recognised as de facto Russian.'), point(4, 'Kherson and Zaporizhzhia will be frozen along the line of contact.'), point(13, 'Sanctions will be lifted in stages.')];

describe('finding a plan point to link', () => {
  it('lists every point for an empty query', () => {
    assert.equal(matchPoints(points, '  ').length, 3);
  });
  it('finds a point by its number, not by digits inside other numbers', () => {
    assert.deepEqual(matchPoints(points, '3').map((entry) => entry.number), [3]);
    assert.deepEqual(matchPoints(points, '13').map((entry) => entry.number), [13]);
  });
  it('needs every word, in any case', () => {
    assert.deepEqual(matchPoints(points, 'FROZEN contact').map((entry) => entry.number), [4]);
    assert.deepEqual(matchPoints(points, 'frozen crimea'), []);
  });
});
