/** Notifications: the outbox, in-app inboxes and the webhook, fed by subscribers to other modules' events. */
import type { ModuleManifest } from '../platform/manifest.js';
import { notificationRoutes } from './routes.js';
import { caseNoticesSubscriber } from './subscribers/case-notices.js';
import { applicationNoticesSubscriber } from './subscribers/application-notices.js';
import { policyNoticesSubscriber } from './subscribers/policy-notices.js';
import { hotspotNoticesSubscriber, proactiveTaskNoticesSubscriber } from './subscribers/proactive-notices.js';
import { visitNoticesSubscriber } from './subscribers/visit-notices.js';
import { lookupSecretSmsSubscriber } from './subscribers/lookup-secret-sms.js';
import { startNotificationDispatcher } from './dispatcher.js';

export const notificationsModule: ModuleManifest = {
  name: 'notifications',
  routes: [notificationRoutes],
  subscribers: [caseNoticesSubscriber, applicationNoticesSubscriber, policyNoticesSubscriber, hotspotNoticesSubscriber, proactiveTaskNoticesSubscriber, visitNoticesSubscriber, lookupSecretSmsSubscriber],
  services: [{ name: 'notification dispatcher', start: (app) => startNotificationDispatcher(app) }],
};
