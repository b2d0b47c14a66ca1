// Which driver builds which language.
import type { Language } from '../../src/spec/index.js';
import { cDriver } from './c.js';
import type { LanguageDriver } from './driver.js';
import { rustDriver } from './rust.js';

const drivers: readonly LanguageDriver[] = [cDriver, rustDriver];

export function driverFor(language: Language): LanguageDriver | undefined {
  return drivers.find((d) => d.languages.includes(language));
}
