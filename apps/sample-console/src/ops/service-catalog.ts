export const SERVICE_NAMES = ['api', 'worker', 'billing'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** Which team owns each service (a static catalog: the ops desk needs no database). */
export const SERVICE_OWNERS: Record<ServiceName, string> = {
  api: 'platform',
  worker: 'automation',
  billing: 'finance-eng',
};
