import { legalFrameSchema } from '../../domain/legal-frame';
import { frameFormValues, frameFromForm } from '../../services/api/pages/admin/round-frame-fields';

describe('the round and scheme form’s legal frame fields', () => {
  it('carry the department that sends the letters to the frame and back', () => {
    const frame = legalFrameSchema.parse(frameFromForm({ 'legalFrame.legalBasis': 'kommunalfuldmagtsreglerne', 'legalFrame.department': 'Kultur og Fritid' }));
    expect(frame.department).toBe('Kultur og Fritid');
    expect(frameFormValues(frame)['legalFrame.department']).toBe('Kultur og Fritid');
  });

  it('leave the department blank when the field is, so the letters name the municipality’s own', () => {
    const frame = legalFrameSchema.parse(frameFromForm({ 'legalFrame.legalBasis': 'serviceloven § 18', 'legalFrame.department': '  ' }));
    expect(frame.department).toBeUndefined();
    expect(frameFormValues(frame)['legalFrame.department']).toBe('');
  });
});
