import type { SafeHtml } from '../../../../lib/html';
import { formatMoney, t, type Language } from '../../../../locale';
import { textField } from '../forms';
import { textOf } from './format';

/** The amount a decision grants, in whole kroner, with the amount asked for as its hint. */
export function amountGrantedField(
  language: Language,
  amountRequestedOre: bigint,
  { value, error, optional = false }: { value: unknown; error?: string; optional?: boolean },
): SafeHtml {
  return textField({
    name: 'amountGranted',
    label: t(language, 'casework.amountGranted'),
    hint: t(language, 'casework.amountGrantedHint', { requested: formatMoney(language, amountRequestedOre) }),
    language,
    ...(optional ? { optional: true } : {}),
    inputMode: 'numeric',
    width: 's',
    maxLength: 9,
    value: textOf(value),
    error,
  });
}
