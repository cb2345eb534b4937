import { normalizeTaxId } from '../../model/normalizeTaxId.js';
import { idText } from './idText.js';

// A Mexican RFC: 3 letters (a company) or 4 (a person), the date of registration YYMMDD, and a 3-character check.
const RFC = /^[A-ZÑ&]{3,4}(\d{2})(\d{2})(\d{2})[A-Z0-9]{3}$/;

/**
 * The first of the candidates that is a Mexican RFC, normalised (`RFC-` prefix, dashes and spaces dropped). The
 * pattern decides, not the scheme a publisher names: APF labels hashes `MX-RFC`, CDMX writes RFCs with no scheme at
 * all, and INAI's `RFC-KPMG` is a name, not an RFC.
 *
 * @example
 * rfcOf(['CUA-340', 'RFC-INA1402082Z8']) // 'INA1402082Z8'
 * rfcOf(['95F5D7F5DD77D73E3232026B4732232A']) // undefined
 */
export function rfcOf(candidates: readonly unknown[]): string | undefined {
  for (const candidate of candidates) {
    const text = idText(candidate);
    if (text === undefined) continue;
    const normalized = normalizeTaxId(text);
    const match = RFC.exec(normalized);
    if (!match) continue;
    const month = Number(match[2]);
    const day = Number(match[3]);
    if (month >= 1 && month <= 12 && day >= 1 && day <= 31) return normalized;
  }
  return undefined;
}
