// The engine's option declarations, asked once per page from the worker (the wasm module's
// options() call). Controls take their kinds, ranges and defaults from here.
import { sharedEngineClient } from '../runtime/browser-engine.ts';
import { EngineError } from '../runtime/engine-api.ts';
import type { OptionSchema } from './model/options.ts';

let declared: Promise<OptionSchema> | null = null;

export function engineOptions(): Promise<OptionSchema> {
  declared ??= sharedEngineClient().call('options').then((answer) => {
    if (!answer.ok) throw new EngineError(answer.error);
    return (answer as unknown as { options: OptionSchema }).options;
  });
  declared.catch(() => { declared = null; });  // a later widget may try again
  return declared;
}
