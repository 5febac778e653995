// @registers/cron: durable jobs. The runtime lands with its own issue; the package
// exists now so the workspace, path alias and build are in place.
export const REGISTERS_CRON_VERSION = '0.1.0';
