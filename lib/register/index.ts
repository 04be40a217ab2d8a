import { registerSettingsProblems, type RegisterSettings } from '../register-settings';
import type { Jurisdiction } from '../jurisdiction';
import type { BusinessRegister } from './business-register';
import { BrregHttpRegister } from './brreg-http-register';
import { CvrHttpRegister } from './cvr-http-register';
import { loadLocalRegister } from './local-register';

export * from './business-register';
export { BrregHttpRegister, BRREG_STATUS, type BrregHttpRegisterOptions } from './brreg-http-register';
export { CvrHttpRegister, buildCvrQuery, type CvrHttpRegisterOptions } from './cvr-http-register';
export { LocalBusinessRegister, loadLocalRegister, type LocalRegisterEntry } from './local-register';
export * from '../register-settings';

/**
 * Builds the configured register; the local file is read and validated here, at start-up, with the
 * organisation numbers of the JURISDICTION (DK when not given).
 */
export function createBusinessRegister(settings: RegisterSettings & { JURISDICTION?: Jurisdiction }): BusinessRegister {
  const problems = registerSettingsProblems(settings);
  if (problems.length) throw new Error(problems.map((p) => `${p.variable} ${p.message}`).join('; '));
  switch (settings.BUSINESS_REGISTER) {
    case 'local':
      return loadLocalRegister(settings.BUSINESS_REGISTER_FILE, settings.JURISDICTION);
    case 'cvr':
      return new CvrHttpRegister({
        url: settings.CVR_REGISTER_URL,
        username: settings.CVR_REGISTER_USERNAME!,
        password: settings.CVR_REGISTER_PASSWORD!,
        timeoutMs: settings.CVR_REGISTER_TIMEOUT_MS,
      });
    case 'brreg':
      return new BrregHttpRegister({ url: settings.BRREG_REGISTER_URL, timeoutMs: settings.BRREG_REGISTER_TIMEOUT_MS });
  }
}
