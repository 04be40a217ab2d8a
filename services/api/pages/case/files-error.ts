import { t, type Language } from '../../../../locale';
import type { RejectedFile } from '../../http/uploads';

/** Every rejected file's own message, then that nothing of the post was kept. */
export function filesError(rejected: RejectedFile[], language: Language): string {
  return [...rejected.map((file) => file.message), t(language, 'case.files.chooseAgain')].join(' ');
}
