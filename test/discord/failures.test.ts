import { describe, expect, it } from 'vitest';
import { describeConnectionFailure, describeFailure } from '../../src/discord/failures.js';
import { UserError } from '../../src/errors.js';
import { memoryLogger } from '../../src/log.js';

function networkError(code: string): Error {
  return Object.assign(new Error(`connect ${code} 127.0.0.1:9`), { code });
}

describe('describeConnectionFailure', () => {
  it('GIVEN a refused connection to a custom API THEN one line naming it and what to check', () => {
    const message = describeConnectionFailure(
      networkError('ECONNREFUSED'),
      'http://127.0.0.1:9/api',
    );
    expect(message).toMatch(/^Could not reach http:\/\/127\.0\.0\.1:9\/api \(ECONNREFUSED\)/);
    expect(message).toMatch(/DISCORD_API_URL/);
  });

  it('GIVEN a DNS failure wrapped as a cause THEN it is still recognised', () => {
    const wrapped = new Error('fetch failed', { cause: networkError('ENOTFOUND') });
    expect(describeConnectionFailure(wrapped, undefined)).toMatch(/discord\.com.*ENOTFOUND/);
  });

  it("GIVEN discord.js's request timeout (a DOMException AbortError) THEN one line, no stack", () => {
    const timeout = new DOMException('This operation was aborted', 'AbortError');
    const message = describeConnectionFailure(timeout, undefined);
    expect(message).toMatch(/^Discord's API \(https:\/\/discord\.com\/api\) .*did not answer/);
    expect(message).not.toMatch(/DISCORD_API_URL/);
  });

  it('GIVEN any other error THEN undefined, so the caller logs it in full', () => {
    expect(describeConnectionFailure(new Error('boom'), undefined)).toBeUndefined();
    expect(describeConnectionFailure('not an error', undefined)).toBeUndefined();
  });
});

describe('describeFailure', () => {
  it('GIVEN a UserError THEN its message as is', () => {
    expect(describeFailure(new UserError('Ask something.'), memoryLogger(), 'ask')).toBe(
      'Ask something.',
    );
  });

  it('GIVEN an internal error THEN a reference that the log line carries too, and no detail', () => {
    const log = memoryLogger();
    const message = describeFailure(new Error('/secret/path exploded'), log, '/ask');
    const reference = /reference `([0-9a-f]{8})`/.exec(message)?.[1];
    expect(reference).toBeDefined();
    expect(message).not.toMatch(/secret/);
    expect(log.lines.some((line) => line.includes(`[ref ${reference}]`))).toBe(true);
  });
});
