import type { UserStore } from '@hark/users';

export const DEMO_USER_ID = 'demo';

/**
 * Development only: make sure user "demo" exists and answers to the demo key.
 * Idempotent, so every `npm start` can run it.
 */
export async function seedDemoUser(users: UserStore, demoKey: string): Promise<void> {
  await users.createUser({ id: DEMO_USER_ID, name: 'Demo user' });
  const current = await users.authenticate(demoKey);
  if (current?.user.id !== DEMO_USER_ID) await users.addApiKey(DEMO_USER_ID, demoKey);
}
