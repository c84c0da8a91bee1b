import { runService } from '@hark/core';
import { buildRouter } from './app.js';
import { seedDemoUser } from './demo-seed.js';

runService({
  name: 'router',
  defaultPort: 3000,
  build: (config) => buildRouter({ config }),
  async beforeListen(app, config) {
    if (!config.SEED_DEMO) return;
    await seedDemoUser(app.users, config.DEMO_API_KEY);
    app.log.info(
      { user: 'demo' },
      'demo user seeded (development only): see the start banner for its credentials',
    );
  },
});
