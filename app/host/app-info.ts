/** What the UI needs to know about the app's OCPP vocabulary, so it never has to carry its own copy. */
import { APP_VERSION, PRODUCT_NAME } from '../lib/version.ts';
import { ACTIONS, actionsInitiatedBy } from '../ocpp/actions.ts';
import { EXAMPLES } from '../ocpp/examples.ts';
import { CATALOGUE } from '../readiness/catalogue.ts';
import { PLATFORM_SAMPLE_INTERVAL, PLATFORM_SAMPLED_DATA } from '../readiness/steps/config.ts';
import type { AppInfo } from './contract.ts';

/** The requestedMessage enum of TriggerMessage in OCPP 1.6. */
const TRIGGER_MESSAGES = ['BootNotification', 'DiagnosticsStatusNotification', 'FirmwareStatusNotification', 'Heartbeat', 'MeterValues', 'StatusNotification'];

export function appInfo(): AppInfo {
  return {
    version: APP_VERSION,
    productName: PRODUCT_NAME,
    platformPreset: [
      { key: 'MeterValuesSampledData', value: PLATFORM_SAMPLED_DATA },
      { key: 'MeterValueSampleInterval', value: PLATFORM_SAMPLE_INTERVAL },
    ],
    centralActions: actionsInitiatedBy('central').map((action) => ({ action, profile: ACTIONS[action].profile, example: EXAMPLES[action].req })),
    triggerMessages: TRIGGER_MESSAGES,
    checks: CATALOGUE,
  };
}
