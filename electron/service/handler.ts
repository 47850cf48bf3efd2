import { z } from 'zod';
import {
  contract,
  type ChannelName,
  type ChannelOutput,
  type ChannelParsedInput,
} from '../../shared/contract';
import { ParleyError, fail, ok, type Result } from '../../shared/errors';

export type Handler<K extends ChannelName> = (input: ChannelParsedInput<K>) => ChannelOutput<K> | Promise<ChannelOutput<K>>;
export type HandlerMap = { [K in ChannelName]: Handler<K> };

/** What both transports (IPC and the HTTP bridge) call: input is untrusted, the result always a Result. */
export type Dispatch = (channel: string, input: unknown) => Promise<Result<unknown>>;

export function createDispatch(handlers: HandlerMap, onInternalError: (error: unknown, channel: string) => void): Dispatch {
  return async (channel, input) => {
    if (!Object.hasOwn(contract, channel)) return fail('unknown_channel', `There is no channel named "${String(channel).slice(0, 100)}"`);
    const name = channel as ChannelName;
    const parsed = contract[name].input.safeParse(input ?? {});
    if (!parsed.success) return invalidInput(parsed.error);
    try {
      const handler = handlers[name] as (input: unknown) => unknown;
      return ok(await handler(parsed.data));
    } catch (error) {
      if (error instanceof ParleyError) return fail(error.code, error.message, error.details);
      onInternalError(error, name);
      return fail('internal', `Parley hit an unexpected error in ${name}: ${(error as Error)?.message ?? String(error)}`);
    }
  };
}

function invalidInput(error: z.ZodError): Result<never> {
  const details: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.') || '(input)';
    if (!(path in details)) details[path] = issue.message;
  }
  const summary = Object.entries(details)
    .slice(0, 3)
    .map(([path, message]) => `${humanField(path)} ${message}`)
    .join('; ');
  return fail('invalid_input', summary || 'The input is not valid', details);
}

function humanField(path: string): string {
  const last = path.split('.').at(-1) ?? path;
  if (last === '(input)') return 'Input';
  const words = last.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
