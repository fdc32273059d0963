import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../src/discord/commands/index.js';
import { registerCommands } from '../../src/discord/register-commands.js';
import { UserError } from '../../src/errors.js';
import { APP_ID, GUILD_ID, startFakeDiscord } from './fake-discord.js';
import type { FakeDiscord } from './fake-discord.js';

const TOKEN = 'register-token';

describe('registerCommands against the fake Discord', () => {
  let fake: FakeDiscord;
  beforeAll(async () => {
    fake = await startFakeDiscord({ token: TOKEN });
  });
  afterAll(async () => {
    await fake.close();
  });

  it('GIVEN a guild id THEN it bulk-overwrites the guild commands, and running it twice sends the same set', async () => {
    const config = { token: TOKEN, guildId: GUILD_ID, apiUrl: fake.apiUrl };
    expect(await registerCommands(config, commands)).toEqual({
      applicationId: APP_ID,
      scope: `guild ${GUILD_ID}`,
      count: 5,
    });
    await registerCommands(config, commands);
    const puts = fake.calls.filter((call) => call.method === 'PUT');
    expect(puts.map((call) => call.path)).toEqual([
      `/applications/${APP_ID}/guilds/${GUILD_ID}/commands`,
      `/applications/${APP_ID}/guilds/${GUILD_ID}/commands`,
    ]);
    expect(puts[0]?.body).toEqual(puts[1]?.body);
    const names = (puts[0]?.body as { name: string }[]).map((command) => command.name);
    expect(names).toEqual(['ask', 'sources', 'about', 'help', 'coverage']);
    const coverage = (
      puts[0]?.body as { name: string; default_member_permissions?: string; contexts?: number[] }[]
    ).find((command) => command.name === 'coverage');
    // Manage Server (1 << 5): hidden from other members unless the server's admins say otherwise.
    expect(coverage?.default_member_permissions).toBe('32');
    expect(coverage?.contexts).toEqual([0]);
    const ask = (
      puts[0]?.body as {
        name: string;
        options: { name: string; autocomplete?: boolean; max_value?: number }[];
      }[]
    )[0];
    expect(ask?.options.find((option) => option.name === 'source')?.autocomplete).toBe(true);
    expect(ask?.options.find((option) => option.name === 'count')?.max_value).toBe(5);
  });

  it('GIVEN no guild id THEN the commands go global', async () => {
    const result = await registerCommands(
      { token: TOKEN, guildId: undefined, apiUrl: fake.apiUrl },
      commands,
    );
    expect(result.scope).toBe('global');
    expect(fake.calls.at(-1)?.path).toBe(`/applications/${APP_ID}/commands`);
  });

  it('GIVEN a rejected token THEN a UserError says how to get a new one', async () => {
    const attempt = registerCommands(
      { token: 'wrong', guildId: undefined, apiUrl: fake.apiUrl },
      commands,
    );
    await expect(attempt).rejects.toBeInstanceOf(UserError);
    await expect(attempt).rejects.toThrow(/Reset Token/);
  });
});
