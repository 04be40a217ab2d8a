/** The case reference people quote on the phone: prefix, year of submission, serial number. */
export function formatCaseReference(serial: number, submittedAt: Date): string {
  return `GF-${submittedAt.getUTCFullYear()}-${String(serial).padStart(5, '0')}`;
}
