import { grantChangeProblems } from '../../domain/grant-changes';

const during = { activityEndDate: '2027-06-30', today: '2027-04-01' };

describe('a request to change the activity or the period', () => {
  it('asks for reasons, and for the new activity when the activity is to change', () => {
    expect(grantChangeProblems({ kind: 'activity', activity: ' ', reasons: '' }, during)).toEqual([
      { field: 'activity', messageKey: 'errors.grantChanges.activityRequired' },
      { field: 'reasons', messageKey: 'errors.grantChanges.reasonsRequired' },
    ]);
    expect(grantChangeProblems({ kind: 'activity', activity: 'Vi spiser sammen om lørdagen', reasons: 'Lokalet er optaget om torsdagen' }, during)).toEqual([]);
  });

  it('asks for two real dates, the end not before the start', () => {
    expect(grantChangeProblems({ kind: 'period', startDate: '2027-02-30', endDate: '', reasons: 'x' }, during)).toEqual([
      { field: 'startDate', messageKey: 'errors.grantChanges.dateRequired' },
      { field: 'endDate', messageKey: 'errors.grantChanges.dateRequired' },
    ]);
    expect(grantChangeProblems({ kind: 'period', startDate: '2027-09-01', endDate: '2027-08-31', reasons: 'x' }, during)).toEqual([
      { field: 'endDate', messageKey: 'errors.grantChanges.endBeforeStart' },
    ]);
    expect(grantChangeProblems({ kind: 'period', startDate: '2027-09-01', endDate: '2027-09-01', reasons: 'x' }, during)).toEqual([]);
  });

  it('is refused after the activity’s last day, and allowed on it', () => {
    const request = { kind: 'period' as const, startDate: '2027-09-01', endDate: '2027-12-31', reasons: 'x' };
    expect(grantChangeProblems(request, { activityEndDate: '2027-06-30', today: '2027-07-01' })).toEqual([{ field: 'kind', messageKey: 'errors.grantChanges.activityEnded' }]);
    expect(grantChangeProblems(request, { activityEndDate: '2027-06-30', today: '2027-06-30' })).toEqual([]);
  });
});
