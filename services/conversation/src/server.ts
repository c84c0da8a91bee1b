import { runService } from '@hark/core';
import { buildConversationService } from './app.js';

runService({
  name: 'conversation',
  defaultPort: 3001,
  build: (config) => buildConversationService({ config }),
  beforeListen(app, config) {
    app.log.info(
      { model: config.LLM_MODEL, fallbacks: config.LLM_FALLBACK_MODELS, baseUrl: config.LLM_BASE_URL },
      'LLM',
    );
  },
});
