// Which driver builds which language.
import type { Language } from '../../src/wasm-toml/index.js';
import { assemblyscriptDriver } from './assemblyscript.js';
import { cDriver } from './c.js';
import type { LanguageDriver } from './driver.js';
import { goDriver } from './go.js';
import { javascriptDriver } from './javascript.js';
import { pythonDriver } from './python.js';
import { rustDriver } from './rust.js';
import { tinygoDriver } from './tinygo.js';
import { zigDriver } from './zig.js';

const drivers: readonly LanguageDriver[] = [
  cDriver,
  rustDriver,
  goDriver,
  tinygoDriver,
  assemblyscriptDriver,
  zigDriver,
  javascriptDriver,
  pythonDriver,
];

export function driverFor(language: Language): LanguageDriver | undefined {
  return drivers.find((d) => d.languages.includes(language));
}
