// n8n's stock lint config for community packages (`@n8n/node-cli/eslint`, the one n8n calls eligible for n8n Cloud),
// on the shipped sources; the build stays gulp + tsc. Run by `npm run lint` beside eslint.config.mjs.
import { config } from '@n8n/node-cli/eslint';

export default [{ ignores: ['dist/**', 'node_modules/**', 'test/**', 'bench/**', 'scripts/**', '**/*.js', '**/*.mjs', '*.ts'] }, ...config];
